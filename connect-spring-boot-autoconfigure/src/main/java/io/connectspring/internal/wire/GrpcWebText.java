package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.Arrays;
import java.util.Base64;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * The base64 body of {@code application/grpc-web-text}, the gRPC-Web form browsers use when they cannot read binary
 * streams. Requests are decoded as they arrive, four characters at a time, so padded chunks may follow each other
 * (as clients send them); each response frame is encoded on its own, with padding, which clients read the same way.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md">gRPC-Web: text mode</a>
 */
public final class GrpcWebText {

	private GrpcWebText() {
	}

	/**
	 * Returns the decoded bytes of a base64 body. Holds at most three characters between buffers; line breaks and
	 * spaces are skipped. Fails with {@link Code#INVALID_ARGUMENT} for a character outside base64 or a body whose
	 * length is not a multiple of four.
	 */
	public static Flux<DataBuffer> decode(Flux<DataBuffer> body, DataBufferFactory factory) {
		return Flux.defer(() -> {
			byte[] pending = new byte[4];
			int[] pendingLength = new int[1];
			return body.map((buffer) -> {
				try {
					byte[] text = new byte[buffer.readableByteCount()];
					buffer.read(text);
					byte[] groups = new byte[pendingLength[0] + text.length];
					int n = 0;
					for (int i = 0; i < pendingLength[0]; i++) {
						groups[n++] = pending[i];
					}
					for (byte c : text) {
						if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
							groups[n++] = c;
						}
					}
					int whole = n - (n % 4);
					pendingLength[0] = n - whole;
					System.arraycopy(groups, whole, pending, 0, pendingLength[0]);
					return factory.wrap(decodeGroups(groups, whole));
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			}).concatWith(Flux.defer(() -> {
				if (pendingLength[0] != 0) {
					return Flux.error(new ConnectException(Code.INVALID_ARGUMENT,
							"protocol error: grpc-web-text body is not whole base64"));
				}
				return Flux.empty();
			}));
		});
	}

	/** Returns a buffer's bytes as one padded base64 chunk, releasing the buffer. */
	public static DataBuffer encode(DataBuffer buffer, DataBufferFactory factory) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return factory.wrap(Base64.getEncoder().encode(bytes));
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** Decodes groups of four characters one by one, so that padding may end any group. */
	private static byte[] decodeGroups(byte[] text, int length) {
		byte[] out = new byte[length / 4 * 3];
		int written = 0;
		Base64.Decoder decoder = Base64.getDecoder();
		byte[] group = new byte[4];
		for (int i = 0; i < length; i += 4) {
			System.arraycopy(text, i, group, 0, 4);
			byte[] decoded;
			try {
				decoded = decoder.decode(group);
			}
			catch (IllegalArgumentException ex) {
				throw new ConnectException(Code.INVALID_ARGUMENT, "protocol error: grpc-web-text body is not base64");
			}
			System.arraycopy(decoded, 0, out, written, decoded.length);
			written += decoded.length;
		}
		return (written == out.length) ? out : Arrays.copyOf(out, written);
	}

}
