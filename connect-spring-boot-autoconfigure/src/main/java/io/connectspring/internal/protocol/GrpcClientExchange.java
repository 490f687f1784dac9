package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;

import java.time.Duration;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;

/**
 * What the gRPC and gRPC-Web client protocols share: the request's headers and enveloped body, and the checks of a
 * response's head that decide how its body is read, as connect-go makes them.
 */
final class GrpcClientExchange {

	private GrpcClientExchange() {
	}

	/**
	 * Returns the headers the protocol owns: content type, {@code grpc-timeout} for the time left,
	 * {@code grpc-encoding} and {@code grpc-accept-encoding}.
	 * @throws ConnectException with {@link Code#DEADLINE_EXCEEDED} when the deadline has passed already
	 */
	static HttpHeaders requestHeaders(ClientConfig config, ClientCallState call, GrpcContentTypes contentTypes) {
		HttpHeaders protocol = new HttpHeaders();
		protocol.set(HttpHeaders.CONTENT_TYPE, contentTypes.forCodec(config.codec().name()));
		Duration remaining = call.remaining();
		if (remaining != null) {
			if (remaining.isZero()) {
				throw new ConnectException(Code.DEADLINE_EXCEEDED, "the call's deadline expired before it was sent");
			}
			protocol.set(GrpcTimeout.HEADER, GrpcTimeout.format(remaining));
		}
		Compression compression = config.sendCompression();
		if (compression != null) {
			protocol.set(GrpcHeaders.ENCODING, compression.name());
		}
		if (!config.compressions().acceptHeader().isEmpty()) {
			protocol.set(GrpcHeaders.ACCEPT_ENCODING, config.compressions().acceptHeader());
		}
		return protocol;
	}

	/** Returns the enveloped requests, one array per message, to be flushed one by one. */
	static Flux<byte[]> body(ClientConfig config, Flux<Message> requests) {
		Compression compression = config.sendCompression();
		return requests.map((request) -> ClientExchange.envelope(config, request, compression));
	}

	/**
	 * Reads a response's head into the call and returns the reader of its body: failing for an HTTP status other
	 * than 200 (its code mapped from the status), a content type of another protocol ({@link Code#UNKNOWN}) or
	 * codec ({@link Code#INTERNAL}), or an encoding the client does not accept ({@link Code#INTERNAL}); these
	 * checks are left out when the headers hold {@code grpc-status}, as for a trailers-only response.
	 */
	static GrpcResponseReader open(ClientConfig config, ClientCallState call, ClientHttp.Response response,
			GrpcContentTypes contentTypes) {
		ClientExchange.readHeaders(response, call, false);
		HttpHeaders headers = call.mutableResponseHeaders();
		int status = response.status();
		if (status != 200) {
			return GrpcResponseReader.failed(call, ClientExchange.withResponseMetadata(new ConnectException(
					GrpcStatus.codeForHttpStatus(status), "HTTP status " + response.statusText()), call));
		}
		// A status in the headers may make this a trailers-only response, whose head needs no content type or
		// encoding; the body and trailers decide (GrpcResponseReader).
		boolean statusInHeaders = headers.containsHeader(GrpcStatus.STATUS);
		ConnectException invalid = contentTypes.check(config.codec().name(),
				headers.getFirst(HttpHeaders.CONTENT_TYPE));
		if (invalid != null && !statusInHeaders) {
			return GrpcResponseReader.failed(call, invalid);
		}
		Compression compression = null;
		String encoding = headers.getFirst(GrpcHeaders.ENCODING);
		if (encoding != null && !encoding.isEmpty() && !Compressions.IDENTITY.equals(encoding)) {
			compression = config.compressions().get(encoding);
			if (compression == null && !statusInHeaders) {
				return GrpcResponseReader.failed(call, new ConnectException(Code.INTERNAL, "unknown encoding \""
						+ encoding + "\": accepted encodings are " + config.compressions().acceptHeader()));
			}
		}
		return GrpcResponseReader.messages(config, call, compression, contentTypes.web(), statusInHeaders);
	}

	/**
	 * The content types of gRPC or gRPC-Web, and the check of a response's.
	 *
	 * @param bare the content type that implies the proto codec, such as {@code application/grpc}
	 * @param web whether this is gRPC-Web, whose body ends with a trailers frame
	 */
	record GrpcContentTypes(String bare, boolean web) {

		static final GrpcContentTypes GRPC = new GrpcContentTypes(ContentTypes.GRPC, false);

		static final GrpcContentTypes GRPC_WEB = new GrpcContentTypes(ContentTypes.GRPC_WEB, true);

		/**
		 * Returns the request content type for a codec. gRPC sends the bare {@code application/grpc} for proto, as
		 * connect-go and grpc-java do (some frontends accept nothing else); gRPC-Web always names the codec.
		 */
		String forCodec(String codec) {
			return (!this.web && codec.equals("proto")) ? this.bare : this.bare + "+" + codec;
		}

		/** Returns the error for a response content type that does not match the request's codec, or null. */
		@Nullable ConnectException check(String codec, @Nullable String contentType) {
			String mediaType = ContentTypes.mediaType(contentType);
			String prefix = this.bare + "+";
			if (mediaType.equals(prefix + codec) || (codec.equals("proto") && mediaType.equals(this.bare))) {
				return null;
			}
			// Not gRPC at all is "unknown"; gRPC in another codec is "internal".
			Code code = (mediaType.equals(this.bare) || mediaType.startsWith(prefix)) ? Code.INTERNAL : Code.UNKNOWN;
			return new ConnectException(code,
					"invalid content-type: \"" + contentType + "\"; expecting \"" + forCodec(codec) + "\"");
		}

	}

}
