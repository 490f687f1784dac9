package io.connectspring.internal.client;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.IdempotencyLevel;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.ContentTypes;
import io.connectspring.internal.wire.ErrorJson;
import io.connectspring.internal.wire.HttpStatuses;
import io.connectspring.internal.wire.ProtoCodec;
import io.connectspring.internal.wire.ProtocolNames;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client side of Connect unary calls: POST with the bare message, or GET with the message in the query for
 * {@code NO_SIDE_EFFECTS} procedures when enabled and the URL is short enough. A 200 response carries the message;
 * any other status carries error JSON, or else its status is mapped to a code.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#unary-request">Connect unary</a>
 */
public final class ConnectUnaryClientProtocol implements ClientProtocol {

	private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

	private final ClientConfig config;

	public ConnectUnaryClientProtocol(ClientConfig config) {
		this.config = config;
	}

	@Override
	public String name() {
		return ProtocolNames.CONNECT;
	}

	@Override
	public Flux<Message> call(ClientCallState call, Flux<Message> requests) {
		// The transport lets exactly one request through; waiting for the end lets it see a second.
		return requests.single().flatMap((request) -> send(call, request)).flux();
	}

	private Mono<Message> send(ClientCallState call, Message request) {
		boolean get = this.config.getRequests()
				&& call.method().idempotencyLevel() == IdempotencyLevel.NO_SIDE_EFFECTS;
		byte[] bytes = get ? deterministic(request) : this.config.codec().serialize(request);
		checkSendSize(bytes.length, "message size ");
		Compression compression = this.config.sendCompression();
		boolean compress = this.config.compressions().shouldCompress(compression, bytes.length);
		byte[] payload = compress ? Compressions.compress(compression, bytes) : bytes;
		if (compress) {
			checkSendSize(payload.length, "compressed message size ");
		}
		HttpHeaders protocol = new HttpHeaders();
		ClientExchange.addTimeout(protocol, call);
		if (!this.config.compressions().acceptHeader().isEmpty()) {
			protocol.set(HttpHeaders.ACCEPT_ENCODING, this.config.compressions().acceptHeader());
		}
		String url = get ? getUrl(call, payload, compress ? compression : null) : null;
		if (url == null) {
			protocol.set(HttpHeaders.CONTENT_TYPE, ContentTypes.CONNECT_UNARY_PREFIX + this.config.codec().name());
			protocol.set(ConnectHeaders.PROTOCOL_VERSION, ConnectHeaders.PROTOCOL_VERSION_VALUE);
			if (compress) {
				protocol.set(HttpHeaders.CONTENT_ENCODING, compression.name());
			}
		}
		HttpHeaders application = call.sendHeaders();
		if (url != null) {
			return this.config.http()
				.exchange(HttpMethod.GET, url, application, protocol, null, (response) -> receive(call, response))
				.singleOrEmpty();
		}
		return this.config.http()
			.exchange(HttpMethod.POST, this.config.url(call.method().procedure()), application, protocol,
					Mono.just(payload), (response) -> receive(call, response))
			.singleOrEmpty();
	}

	private Mono<Message> receive(ClientCallState call, ClientHttp.Response response) {
		ClientExchange.readHeaders(response, call, true);
		int status = response.status();
		String contentType = response.header(HttpHeaders.CONTENT_TYPE);
		String encoding = response.header(HttpHeaders.CONTENT_ENCODING);
		Compression compression = null;
		if (encoding != null && !encoding.isEmpty() && !Compressions.IDENTITY.equals(encoding)) {
			compression = this.config.compressions().get(encoding);
			if (compression == null) {
				return Mono.error(new ConnectException(Code.INTERNAL, "unknown encoding \"" + encoding
						+ "\": accepted encodings are " + this.config.compressions().acceptHeader()));
			}
		}
		Compression responseCompression = compression;
		Mono<byte[]> bytes = ClientExchange
			.readBounded(response.body(), response.header(HttpHeaders.CONTENT_LENGTH), this.config.readMaxBytes())
			.map((data) -> (responseCompression != null && data.length > 0)
					? Compressions.decompress(responseCompression, data, this.config.readMaxBytes()) : data);
		if (status != 200) {
			return failure(call, response, status, contentType, bytes);
		}
		String mediaType = ContentTypes.mediaType(contentType);
		String expected = ContentTypes.CONNECT_UNARY_PREFIX + this.config.codec().name();
		if (!mediaType.equals(expected)) {
			Code code = mediaType.startsWith(ContentTypes.CONNECT_UNARY_PREFIX) ? Code.INTERNAL : Code.UNKNOWN;
			return Mono.error(new ConnectException(code,
					"invalid content-type: \"" + contentType + "\"; expecting \"" + expected + "\""));
		}
		return bytes.map((data) -> (Message) this.config.codec().deserialize(data, call.method().responsePrototype()))
			.onErrorMap((ex) -> ClientErrors.badResponse(ex));
	}

	private Mono<Message> failure(ClientCallState call, ClientHttp.Response response, int status,
			@Nullable String contentType, Mono<byte[]> bytes) {
		Code fallback = HttpStatuses.codeForHttpStatus(status);
		String httpStatus = "HTTP status " + response.statusText();
		if (!ContentTypes.mediaType(contentType).equals(ContentTypes.JSON)) {
			return Mono.error(ClientExchange.withResponseMetadata(new ConnectException(fallback, httpStatus), call));
		}
		return bytes.onErrorResume((ex) -> Mono.just(new byte[0])).flatMap((data) -> {
			ConnectException error;
			try {
				error = ErrorJson.parseError(data, fallback);
			}
			catch (IllegalArgumentException ex) {
				error = new ConnectException(fallback, httpStatus);
			}
			return Mono.error(ClientExchange.withResponseMetadata(error, call));
		});
	}

	private void checkSendSize(int size, String what) {
		if (size > this.config.sendMaxBytes()) {
			throw new ConnectException(Code.RESOURCE_EXHAUSTED,
					what + size + " exceeds sendMaxBytes " + this.config.sendMaxBytes());
		}
	}

	/** Serializes as the spec asks for GET, so that equal messages make equal URLs (and cache hits). */
	private byte[] deterministic(Message message) {
		if (!(this.config.codec() instanceof ProtoCodec)) {
			return this.config.codec().serialize(message);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(message.getSerializedSize());
		try {
			CodedOutputStream coded = CodedOutputStream.newInstance(out);
			coded.useDeterministicSerialization();
			message.writeTo(coded);
			coded.flush();
		}
		catch (IOException ex) {
			throw new ConnectException(Code.INTERNAL, "marshal message stable: " + ex.getMessage(), ex);
		}
		return out.toByteArray();
	}

	/** Returns the GET URL, or {@code null} when it would be longer than allowed (then POST is used). */
	private @Nullable String getUrl(ClientCallState call, byte[] payload, @Nullable Compression compression) {
		boolean base64 = compression != null || this.config.codec() instanceof ProtoCodec;
		StringBuilder url = new StringBuilder(this.config.url(call.method().procedure())).append("?connect=v1");
		if (base64) {
			url.append("&base64=1");
		}
		if (compression != null) {
			url.append("&compression=").append(compression.name());
		}
		url.append("&encoding=").append(this.config.codec().name()).append("&message=");
		if (base64) {
			url.append(BASE64_URL.encodeToString(payload));
		}
		else {
			percentEncode(url, payload);
		}
		return (url.length() <= this.config.getUrlMaxBytes()) ? url.toString() : null;
	}

	private static void percentEncode(StringBuilder url, byte[] bytes) {
		for (byte b : bytes) {
			char c = (char) (b & 0xFF);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				url.append(c);
			}
			else {
				url.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
	}

}
