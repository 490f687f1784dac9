package io.connectspring.internal.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ProtoCodec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one gRPC client protocol in its two modes: what each sends, and where each reads the status from. Byte-level
 * behaviour against real sockets is in {@code HttpConnectTransportGrpcBadServerTests} and
 * {@code HttpConnectTransportGrpcWebBadServerTests}.
 */
class GrpcClientProtocolTests {

	private static final byte[] HI = EchoService.string("hi").toByteArray();

	private static final byte[] OK_TRAILERS_FRAME = "grpc-status: 0\r\n".getBytes(StandardCharsets.US_ASCII);

	@Test
	void grpcAsksForTrailersWithTheBareContentTypeForProto() {
		ScriptedHttp http = new ScriptedHttp(headers("content-type", "application/grpc"),
				Envelopes.frame(0, HI), headers("grpc-status", "0"));
		GrpcClientProtocol grpc = protocol(http, false);

		StepVerifier.create(grpc.call(call(grpc), Flux.just(EchoService.string("hi"))))
			.expectNext(EchoService.string("hi"))
			.verifyComplete();

		assertThat(grpc.name()).isEqualTo("grpc");
		assertThat(http.method).isEqualTo(HttpMethod.POST);
		assertThat(http.url).isEqualTo("http://localhost/test.v1.EchoService/Echo");
		assertThat(http.sent.getFirst("content-type")).isEqualTo("application/grpc");
		assertThat(http.sent.getFirst("te")).isEqualTo("trailers");
		assertThat(http.sent.containsHeader("x-grpc-web")).isFalse();
	}

	@Test
	void grpcWebNamesTheCodecAndSaysItIsWeb() {
		ScriptedHttp http = new ScriptedHttp(headers("content-type", "application/grpc-web+proto"),
				concat(Envelopes.frame(0, HI), Envelopes.frame(0x80, OK_TRAILERS_FRAME)), HttpHeaders.EMPTY);
		GrpcClientProtocol web = protocol(http, true);

		StepVerifier.create(web.call(call(web), Flux.just(EchoService.string("hi"))))
			.expectNext(EchoService.string("hi"))
			.verifyComplete();

		assertThat(web.name()).isEqualTo("grpcweb");
		assertThat(http.sent.getFirst("content-type")).isEqualTo("application/grpc-web+proto");
		assertThat(http.sent.getFirst("x-grpc-web")).isEqualTo("1");
		assertThat(http.sent.getFirst("x-user-agent")).startsWith("connect-spring");
		assertThat(http.sent.containsHeader("te")).isFalse();
	}

	@Test
	void grpcReadsTheStatusFromHttpTrailers() {
		ScriptedHttp http = new ScriptedHttp(headers("content-type", "application/grpc"), Envelopes.frame(0, HI),
				headers("grpc-status", "5", "grpc-message", "gone"));
		GrpcClientProtocol grpc = protocol(http, false);

		StepVerifier.create(grpc.call(call(grpc), Flux.just(EchoService.string("hi"))))
			.expectNext(EchoService.string("hi"))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.NOT_FOUND))
			.verify();
	}

	@Test
	void grpcWebReadsTheStatusFromTheBodyAndIgnoresHttpTrailers() {
		ScriptedHttp http = new ScriptedHttp(headers("content-type", "application/grpc-web+proto"),
				concat(Envelopes.frame(0, HI), Envelopes.frame(0x80, OK_TRAILERS_FRAME)),
				headers("grpc-status", "5"));
		GrpcClientProtocol web = protocol(http, true);

		StepVerifier.create(web.call(call(web), Flux.just(EchoService.string("hi"))))
			.expectNext(EchoService.string("hi"))
			.verifyComplete();
	}

	@Test
	void grpcTakesNoTrailersFrameInTheBody() {
		ScriptedHttp http = new ScriptedHttp(headers("content-type", "application/grpc"),
				Envelopes.frame(0x80, OK_TRAILERS_FRAME), headers("grpc-status", "0"));
		GrpcClientProtocol grpc = protocol(http, false);

		StepVerifier.create(grpc.call(call(grpc), Flux.just(EchoService.string("hi"))))
			.expectErrorSatisfies((error) -> {
				ConnectException connect = (ConnectException) error;
				assertThat(connect.code()).isEqualTo(Code.INTERNAL);
				assertThat(connect.rawMessage()).contains("invalid envelope flags");
			})
			.verify();
	}

	private static GrpcClientProtocol protocol(ClientHttp http, boolean web) {
		return new GrpcClientProtocol(new ClientConfig(http, "http://localhost", ProtoCodec.INSTANCE,
				new Compressions(List.of(), 0), null, 1024, 1024, false, 4096), web);
	}

	private static ClientCallState call(ClientProtocol protocol) {
		return new ClientCallState(EchoService.ECHO, new HttpHeaders(), null, protocol.name());
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/** Answers every exchange with one 200 response, and keeps what the last request sent. */
	private static final class ScriptedHttp implements ClientHttp {

		private final HttpHeaders headers;

		private final byte[] body;

		private final HttpHeaders trailers;

		@Nullable HttpMethod method;

		@Nullable String url;

		HttpHeaders sent = new HttpHeaders();

		ScriptedHttp(HttpHeaders headers, byte[] body, HttpHeaders trailers) {
			this.headers = headers;
			this.body = body;
			this.trailers = trailers;
		}

		@Override
		public boolean supportsTrailers() {
			return true;
		}

		@Override
		public <T> Flux<T> exchange(HttpMethod method, String url, HttpHeaders application, HttpHeaders protocol,
				@Nullable Publisher<byte[]> body, Function<Response, Publisher<T>> receiver) {
			this.method = method;
			this.url = url;
			this.sent = protocol;
			Mono<Void> sent = (body != null) ? Flux.from(body).then() : Mono.empty();
			return sent.thenMany(Flux.defer(() -> Flux.from(receiver.apply(new Response() {

				@Override
				public int status() {
					return 200;
				}

				@Override
				public String statusText() {
					return "200 OK";
				}

				@Override
				public @Nullable String header(String name) {
					return ScriptedHttp.this.headers.getFirst(name);
				}

				@Override
				public void forEachHeader(BiConsumer<String, String> action) {
					ScriptedHttp.this.headers.forEach((name, values) -> values.forEach((value) -> action.accept(name,
							value)));
				}

				@Override
				public Flux<byte[]> body() {
					return Flux.just(ScriptedHttp.this.body);
				}

				@Override
				public Mono<HttpHeaders> trailers() {
					return ScriptedHttp.this.trailers.isEmpty() ? Mono.empty() : Mono.just(ScriptedHttp.this.trailers);
				}

			}))));
		}

	}

}
