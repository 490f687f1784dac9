package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.MethodDescriptor;
import io.connectspring.fixtures.EchoService;
import io.connectspring.internal.wire.Codecs;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.GzipCompression;
import io.connectspring.internal.wire.JsonCodec;
import io.connectspring.internal.wire.ProtoCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each shape of request negotiation admits, and each answer it refuses with, read from the request's head alone.
 */
class ServerNegotiationTests {

	private static final Codecs CODECS = new Codecs(
			List.of(ProtoCodec.INSTANCE, new JsonCodec(JsonFormat.TypeRegistry.getEmptyTypeRegistry())));

	private static final GzipCompression GZIP = new GzipCompression();

	private static final Compressions COMPRESSIONS = new Compressions(List.of(GZIP), 0);

	private static final List<ServerProtocol> PROTOCOLS = List.of(new ConnectUnaryServerProtocol(),
			new ConnectStreamingServerProtocol(), GrpcServerProtocol.grpc(), GrpcServerProtocol.grpcWeb());

	private static ServerNegotiation negotiation(MethodDescriptor<?, ?> method) {
		return negotiation(method, false);
	}

	private static ServerNegotiation negotiation(MethodDescriptor<?, ?> method, boolean requireProtocolVersion) {
		return new ServerNegotiation(new ProcedureSpec(method, new ProcedureSpec.Limits(100, 100, COMPRESSIONS),
				CODECS, requireProtocolVersion), PROTOCOLS);
	}

	private static Head post(String contentType) {
		return new Head(HttpMethod.POST).header(HttpHeaders.CONTENT_TYPE, contentType);
	}

	private static ServerCall admitted(Negotiation negotiation) {
		assertThat(negotiation).isInstanceOf(ServerCall.class);
		return (ServerCall) negotiation;
	}

	private static Refusal refused(Negotiation negotiation) {
		assertThat(negotiation).isInstanceOf(Refusal.class);
		return (Refusal) negotiation;
	}

	private static String body(Refusal refusal) {
		return new String(refusal.body(), StandardCharsets.UTF_8);
	}

	@Nested
	class Admits {

		@Test
		void connectUnaryPostWithCodecCompressionsAndTimeout() {
			ServerCall call = admitted(negotiation(EchoService.ECHO)
				.negotiate(post("application/json").header(HttpHeaders.CONTENT_ENCODING, "gzip")
					.header(HttpHeaders.ACCEPT_ENCODING, "br, gzip")
					.header("Connect-Timeout-Ms", "250")
					.build()));
			assertThat(call.protocol()).isInstanceOf(ConnectUnaryServerProtocol.class);
			assertThat(call.form()).isEqualTo(ServerCall.Form.BODY);
			assertThat(call.codec().name()).isEqualTo("json");
			assertThat(call.contentType()).isEqualTo("application/json");
			assertThat(call.requestCompression()).isSameAs(GZIP);
			assertThat(call.responseCompression()).isSameAs(GZIP);
			assertThat(call.timeout()).isEqualTo(Duration.ofMillis(250));
		}

		@Test
		void connectGetOfASideEffectFreeProcedureFromItsQuery() {
			ServerCall call = admitted(negotiation(EchoService.ECHO).negotiate(new Head(HttpMethod.GET)
				.query("encoding", "proto")
				.query("compression", "gzip")
				.query("connect", "v1")
				.query("message", "x")
				.build()));
			assertThat(call.form()).isEqualTo(ServerCall.Form.GET);
			assertThat(call.codec()).isSameAs(ProtoCodec.INSTANCE);
			assertThat(call.contentType()).isEqualTo("application/proto");
			assertThat(call.requestCompression()).isSameAs(GZIP);
		}

		@Test
		void connectStreamOfAStreamingProcedure() {
			ServerCall call = admitted(negotiation(EchoService.CHAT)
				.negotiate(post("application/connect+proto").header("Connect-Accept-Encoding", "gzip").build()));
			assertThat(call.protocol()).isInstanceOf(ConnectStreamingServerProtocol.class);
			assertThat(call.codec()).isSameAs(ProtoCodec.INSTANCE);
			assertThat(call.requestCompression()).isNull();
			assertThat(call.responseCompression()).isSameAs(GZIP);
		}

		@Test
		void grpcOverHttp2WithItsTimeout() {
			ServerCall call = admitted(negotiation(EchoService.ECHO)
				.negotiate(post("application/grpc").header("grpc-timeout", "2S").build()));
			assertThat(call.protocol().name()).isEqualTo("grpc");
			assertThat(call.codec()).isSameAs(ProtoCodec.INSTANCE);
			assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(call.state().protocol()).isEqualTo("grpc");
		}

		@Test
		void grpcWebBinaryAndText() {
			ServerCall binary = admitted(
					negotiation(EchoService.COUNT).negotiate(post("application/grpc-web+json").build()));
			assertThat(binary.protocol().name()).isEqualTo("grpcweb");
			assertThat(binary.form()).isEqualTo(ServerCall.Form.BODY);
			assertThat(binary.codec().name()).isEqualTo("json");
			ServerCall text = admitted(
					negotiation(EchoService.COUNT).negotiate(post("application/grpc-web-text").build()));
			assertThat(text.form()).isEqualTo(ServerCall.Form.TEXT);
			assertThat(text.codec()).isSameAs(ProtoCodec.INSTANCE);
		}

		@Test
		void eachGrpcFlavourClaimsOnlyItsOwnContentTypes() {
			ProcedureSpec spec = negotiation(EchoService.ECHO).spec();
			ServerProtocol grpc = GrpcServerProtocol.grpc();
			ServerProtocol web = GrpcServerProtocol.grpcWeb();
			assertThat(grpc.negotiate(post("application/grpc+json").build(), spec)).isInstanceOf(ServerCall.class);
			assertThat(grpc.negotiate(post("application/grpc-web").build(), spec)).isNull();
			assertThat(grpc.negotiate(post("application/grpc-web-text").build(), spec)).isNull();
			assertThat(web.negotiate(post("application/grpc").build(), spec)).isNull();
			assertThat(web.negotiate(post("application/grpc-web+proto").build(), spec)).isInstanceOf(ServerCall.class);
			assertThat(grpc.contentTypes(EchoService.ECHO.streamType())).noneMatch((type) -> type.contains("web"));
			assertThat(web.contentTypes(EchoService.ECHO.streamType())).allMatch((type) -> type.contains("web"));
		}

		@Test
		void aGetOverHttp2WhoseOnlyBodyIsTheTransferEncodingReactorNettyAdds() {
			// Go's HTTP/2 client ends a bodiless GET with an empty DATA frame; Reactor Netty then adds the header.
			admitted(negotiation(EchoService.ECHO).negotiate(new Head(HttpMethod.GET).query("encoding", "json")
				.header(HttpHeaders.TRANSFER_ENCODING, "chunked")
				.header("x-http2-stream-id", "3")
				.build()));
		}

		@Test
		void theCallStateOfWhatWasNegotiated() {
			ServerCall call = admitted(negotiation(EchoService.ECHO)
				.negotiate(post("application/proto").header("x-custom", "v").build()));
			assertThat(call.state().method()).isSameAs(EchoService.ECHO);
			assertThat(call.state().protocol()).isEqualTo("connect");
			assertThat(call.state().httpMethod()).isEqualTo("POST");
			assertThat(call.state().requestHeaders().getFirst("x-custom")).isEqualTo("v");
		}

	}

	@Nested
	class Refuses {

		@Test
		void aMethodNoProtocolUsesWith405AndAllow() {
			Refusal refusal = refused(negotiation(EchoService.POST_ONLY).negotiate(new Head(HttpMethod.GET).build()));
			assertThat(refusal.status()).isEqualTo(405);
			assertThat(refusal.headers().getFirst(HttpHeaders.ALLOW)).isEqualTo("POST");
			assertThat(refused(negotiation(EchoService.ECHO).negotiate(new Head(HttpMethod.PUT).build())).headers()
				.getFirst(HttpHeaders.ALLOW)).isEqualTo("GET, POST");
		}

		@Test
		void aContentTypeNoProtocolClaimsWith415AndAcceptPost() {
			Refusal refusal = refused(negotiation(EchoService.ECHO).negotiate(post("text/plain").build()));
			assertThat(refusal.status()).isEqualTo(415);
			assertThat(refusal.headers().getFirst("Accept-Post")).startsWith("application/proto, application/json, ")
				.contains("application/grpc-web-text");
			assertThat(refusal.hasBody()).isFalse();
		}

		@Test
		void anUnknownCodecAsAnUnclaimedContentType() {
			assertThat(refused(negotiation(EchoService.ECHO).negotiate(post("application/xml").build())).status())
				.isEqualTo(415);
			assertThat(refused(negotiation(EchoService.CHAT).negotiate(post("application/connect+xml").build()))
				.status()).isEqualTo(415);
			assertThat(refused(negotiation(EchoService.ECHO).negotiate(post("application/grpc+xml").build()))
				.status()).isEqualTo(415);
			assertThat(refused(negotiation(EchoService.ECHO)
				.negotiate(new Head(HttpMethod.GET).query("encoding", "xml").build())).status()).isEqualTo(415);
		}

		@Test
		void aStreamingContentTypeForAUnaryProcedureAndTheOtherWayRound() {
			assertThat(refused(negotiation(EchoService.ECHO).negotiate(post("application/connect+proto").build()))
				.headers()
				.getFirst("Accept-Post")).doesNotContain("connect+");
			assertThat(refused(negotiation(EchoService.CHAT).negotiate(post("application/proto").build())).status())
				.isEqualTo(415);
		}

		@Test
		void aConnectGetWithABodyWith415AndNoAcceptPost() {
			Head head = new Head(HttpMethod.GET).query("encoding", "json");
			Refusal withLength = refused(negotiation(EchoService.ECHO)
				.negotiate(head.header(HttpHeaders.CONTENT_LENGTH, "3").build()));
			assertThat(withLength.status()).isEqualTo(415);
			assertThat(withLength.headers().containsHeader("Accept-Post")).isFalse();
			Refusal chunked = refused(negotiation(EchoService.ECHO).negotiate(new Head(HttpMethod.GET)
				.query("encoding", "json")
				.header(HttpHeaders.TRANSFER_ENCODING, "chunked")
				.build()));
			assertThat(chunked.status()).isEqualTo(415);
		}

		@Test
		void anUnknownConnectCompressionWithTheErrorJsonOfUnimplemented() {
			Refusal refusal = refused(negotiation(EchoService.ECHO)
				.negotiate(post("application/proto").header(HttpHeaders.CONTENT_ENCODING, "lz4").build()));
			assertThat(refusal.status()).isEqualTo(501);
			assertThat(refusal.headers().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
			assertThat(body(refusal)).contains("\"code\":\"unimplemented\"")
				.contains("unknown compression \\\"lz4\\\"");
		}

		@Test
		void aConnectGetErrorThatVariesByAcceptEncoding() {
			Refusal refusal = refused(negotiation(EchoService.ECHO).negotiate(
					new Head(HttpMethod.GET).query("encoding", "json").query("connect", "v2").build()));
			assertThat(refusal.status()).isEqualTo(400);
			assertThat(refusal.headers().getFirst(HttpHeaders.VARY)).isEqualTo(HttpHeaders.ACCEPT_ENCODING);
			assertThat(body(refusal)).contains("invalid_argument");
		}

		@Test
		void aMissingProtocolVersionWhenRequired() {
			Refusal refusal = refused(negotiation(EchoService.ECHO, true).negotiate(post("application/proto").build()));
			assertThat(refusal.status()).isEqualTo(400);
			assertThat(body(refusal)).contains("missing required header");
		}

		@Test
		void aMalformedConnectTimeoutWithInvalidArgument() {
			Refusal refusal = refused(negotiation(EchoService.ECHO)
				.negotiate(post("application/proto").header("Connect-Timeout-Ms", "soon").build()));
			assertThat(refusal.status()).isEqualTo(400);
		}

		@Test
		void aConnectStreamWithAnUnknownCompressionWithAnEndOfStreamMessage() {
			Refusal refusal = refused(negotiation(EchoService.CHAT)
				.negotiate(post("application/connect+json").header("Connect-Content-Encoding", "lz4").build()));
			assertThat(refusal.status()).isEqualTo(200);
			assertThat(refusal.headers().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/connect+json");
			assertThat(refusal.headers().getFirst("Connect-Accept-Encoding")).isEqualTo("gzip");
			assertThat(refusal.body()[0]).isEqualTo((byte) Envelope.FLAG_END_STREAM);
			assertThat(body(refusal)).contains("\"code\":\"unimplemented\"");
		}

		@Test
		void grpcOverHttp1With505() {
			Refusal refusal = refused(
					negotiation(EchoService.ECHO).negotiate(post("application/grpc").http1().build()));
			assertThat(refusal.status()).isEqualTo(505);
			assertThat(refusal.headers().getFirst("grpc-status"))
				.isEqualTo(Integer.toString(Code.UNIMPLEMENTED.number()));
			assertThat(refusal.hasBody()).isFalse();
		}

		@Test
		void grpcWebOverHttp1IsAdmitted() {
			admitted(negotiation(EchoService.ECHO).negotiate(post("application/grpc-web").http1().build()));
		}

		@Test
		void anUnknownGrpcEncodingWithATrailersOnlyResponse() {
			Refusal refusal = refused(negotiation(EchoService.ECHO)
				.negotiate(post("application/grpc").header("grpc-encoding", "lz4").build()));
			assertThat(refusal.status()).isEqualTo(200);
			assertThat(refusal.hasBody()).isFalse();
			assertThat(refusal.headers().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/grpc");
			assertThat(refusal.headers().getFirst("grpc-accept-encoding")).isEqualTo("gzip");
			assertThat(refusal.headers().getFirst("grpc-status"))
				.isEqualTo(Integer.toString(Code.UNIMPLEMENTED.number()));
		}

		@Test
		void aMalformedGrpcTimeoutWithATrailersOnlyResponse() {
			Refusal refusal = refused(negotiation(EchoService.COUNT)
				.negotiate(post("application/grpc-web-text").header("grpc-timeout", "1x").build()));
			assertThat(refusal.headers().getFirst("grpc-status"))
				.isEqualTo(Integer.toString(Code.INVALID_ARGUMENT.number()));
			assertThat(refusal.headers().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/grpc-web-text");
		}

	}

	/** Builds a request head. */
	private static final class Head {

		private final HttpMethod method;

		private final HttpHeaders headers = new HttpHeaders();

		private final MultiValueMap<String, String> query = new LinkedMultiValueMap<>();

		private boolean http1;

		Head(HttpMethod method) {
			this.method = method;
		}

		Head header(String name, @Nullable String value) {
			this.headers.add(name, value);
			return this;
		}

		Head query(String name, String value) {
			this.query.add(name, value);
			return this;
		}

		Head http1() {
			this.http1 = true;
			return this;
		}

		RequestHead build() {
			return new RequestHead(this.method, this.headers, this.query, null, this.http1);
		}

	}

}
