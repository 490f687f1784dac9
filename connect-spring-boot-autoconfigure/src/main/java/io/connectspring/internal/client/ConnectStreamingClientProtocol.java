package io.connectspring.internal.client;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.ContentTypes;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.EnvelopeDecoder;
import io.connectspring.internal.wire.ErrorJson;
import io.connectspring.internal.wire.HttpStatuses;
import io.connectspring.internal.wire.ProtocolNames;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client side of Connect streaming calls of all three streaming types: POST {@code application/connect+<codec>}
 * with enveloped requests sent (and flushed) as they are published, responses read as they arrive, and the
 * end-of-stream message turned into trailers and, if it carries one, the error. Over HTTP/2 both directions flow at
 * once; over HTTP/1.1 too, as far as the server reads and writes concurrently.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#streaming-request">Connect streaming</a>
 */
public final class ConnectStreamingClientProtocol implements ClientProtocol {

	private final ClientConfig config;

	public ConnectStreamingClientProtocol(ClientConfig config) {
		this.config = config;
	}

	@Override
	public String name() {
		return ProtocolNames.CONNECT;
	}

	@Override
	public Flux<Message> call(ClientCallState call, Flux<Message> requests) {
		return Flux.defer(() -> {
			HttpHeaders protocol = new HttpHeaders();
			ClientExchange.addTimeout(protocol, call);
			protocol.set(HttpHeaders.CONTENT_TYPE, ContentTypes.CONNECT_STREAMING_PREFIX + this.config.codec().name());
			protocol.set(ConnectHeaders.PROTOCOL_VERSION, ConnectHeaders.PROTOCOL_VERSION_VALUE);
			Compression compression = this.config.sendCompression();
			if (compression != null) {
				protocol.set(ConnectHeaders.STREAM_CONTENT_ENCODING, compression.name());
			}
			if (!this.config.compressions().acceptHeader().isEmpty()) {
				protocol.set(ConnectHeaders.STREAM_ACCEPT_ENCODING, this.config.compressions().acceptHeader());
			}
			HttpHeaders application = call.sendHeaders();
			Flux<byte[]> body = requests
				.map((request) -> ClientExchange.envelope(this.config, request, compression));
			return this.config.http()
				.exchange(HttpMethod.POST, this.config.url(call.method().procedure()), application, protocol, body,
						(response) -> receive(call, response));
		});
	}

	private Flux<Message> receive(ClientCallState call, ClientHttp.Response response) {
		ClientExchange.readHeaders(response, call, false);
		int status = response.status();
		if (status != 200) {
			return Flux.error(ClientExchange.withResponseMetadata(new ConnectException(
					HttpStatuses.codeForHttpStatus(status), "HTTP status " + response.statusText()), call));
		}
		String contentType = response.header(HttpHeaders.CONTENT_TYPE);
		String mediaType = ContentTypes.mediaType(contentType);
		String expected = ContentTypes.CONNECT_STREAMING_PREFIX + this.config.codec().name();
		if (!mediaType.equals(expected)) {
			// Not a Connect stream at all is "unknown"; a Connect stream in another codec is "internal".
			Code code = mediaType.startsWith(ContentTypes.CONNECT_STREAMING_PREFIX) ? Code.INTERNAL : Code.UNKNOWN;
			return Flux.error(new ConnectException(code,
					"invalid content-type: \"" + contentType + "\"; expecting \"" + expected + "\""));
		}
		String encoding = response.header(ConnectHeaders.STREAM_CONTENT_ENCODING);
		Compression compression = null;
		if (encoding != null && !encoding.isEmpty() && !Compressions.IDENTITY.equals(encoding)) {
			compression = this.config.compressions().get(encoding);
			if (compression == null) {
				return Flux.error(new ConnectException(Code.INTERNAL, "unknown encoding \"" + encoding
						+ "\": accepted encodings are " + this.config.compressions().acceptHeader()));
			}
		}
		return readBody(call, compression, response.body().map(DefaultDataBufferFactory.sharedInstance::wrap));
	}

	/**
	 * Reads a response body: its messages, then the end-of-stream message, which fills the call's trailers and ends
	 * the result, failing it with the error the message carries. Fails with {@link Code#INTERNAL} for a body that is
	 * not a Connect stream and {@link Code#RESOURCE_EXHAUSTED} for a message over the limit.
	 */
	Flux<Message> readBody(ClientCallState call, @Nullable Compression compression, Flux<DataBuffer> buffers) {
		ResponseReader reader = new ResponseReader(call, compression);
		return EnvelopeDecoder.decode(buffers, this.config.readMaxBytes())
			.<Message>handle((envelope, sink) -> {
				Message message = reader.read(envelope);
				if (message != null) {
					sink.next(message);
				}
			})
			.onErrorMap((ex) -> reader.ended() ? new ConnectException(Code.INTERNAL,
					"corrupt response: extra bytes after end of stream", ex) : ClientErrors.badResponse(ex))
			.concatWith(Mono.defer(reader::finish));
	}

	/** Reads one response stream's envelopes; confined to its pipeline. */
	private final class ResponseReader {

		private final ClientCallState call;

		private final @Nullable Compression compression;

		private ErrorJson.@Nullable EndStream end;

		ResponseReader(ClientCallState call, @Nullable Compression compression) {
			this.call = call;
			this.compression = compression;
		}

		boolean ended() {
			return this.end != null;
		}

		@Nullable Message read(Envelope envelope) {
			if (this.end != null) {
				throw new ConnectException(Code.INTERNAL, "corrupt response: extra bytes after end of stream");
			}
			byte[] data = envelope.data();
			if (envelope.has(Envelope.FLAG_COMPRESSED)) {
				if (this.compression == null) {
					throw new ConnectException(Code.INTERNAL,
							"protocol error: sent compressed message without compression support");
				}
				if (data.length > 0) {
					data = Compressions.decompress(this.compression, data,
							ConnectStreamingClientProtocol.this.config.readMaxBytes());
				}
			}
			int flags = envelope.flags() & ~Envelope.FLAG_COMPRESSED;
			if (flags == Envelope.FLAG_END_STREAM) {
				try {
					this.end = ErrorJson.parseEndStream(data);
				}
				catch (IllegalArgumentException ex) {
					throw new ConnectException(Code.INTERNAL, "unmarshal end stream message: " + ex.getMessage(),
							ex);
				}
				this.end.metadata()
					.forEach((name, values) -> values
						.forEach((value) -> this.call.mutableResponseTrailers().add(name, value)));
				return null;
			}
			if (flags != 0) {
				throw new ConnectException(Code.INTERNAL, "protocol error: invalid envelope flags " + envelope.flags());
			}
			return ConnectStreamingClientProtocol.this.config.codec()
				.deserialize(data, this.call.method().responsePrototype());
		}

		Mono<Message> finish() {
			if (this.end == null) {
				return Mono.error(new ConnectException(Code.INTERNAL, "protocol error: missing end stream message"));
			}
			ConnectException error = this.end.error();
			return (error != null) ? Mono.error(ClientExchange.withResponseMetadata(error, this.call)) : Mono.empty();
		}

	}

}
