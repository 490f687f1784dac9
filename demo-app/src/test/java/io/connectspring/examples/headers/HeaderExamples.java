package io.connectspring.examples.headers;

import java.time.Duration;
import java.util.List;

import io.connectspring.Metadata;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.server.ConnectContext;
import reactor.core.publisher.Flux;

/** What a service does with headers and trailers, one method per case of docs/headers-and-trailers.md. */
final class HeaderExamples {

	private HeaderExamples() {
	}

	static void headersAndTrailers(ConnectContext context) {
		// tag::set[]
		context.responseHeaders().set("greet-version", "v1");        // greet-version: v1
		context.responseTrailers().add("x-cost", "237");             // unary: trailer-x-cost: 237
		// end::set[]
	}

	static Flux<GreetResponse> headersFirst(ConnectContext context, String id) {
		// tag::send-now[]
		context.responseHeaders().set("x-request-id", id);
		context.sendResponseHeaders();                               // the headers leave now, before any message
		return slowMessages();
		// end::send-now[]
	}

	static List<byte[]> binary(ConnectContext context, byte[] tokenBytes) {
		// tag::binary[]
		Metadata.addBinary(context.responseTrailers(), "x-token-bin", tokenBytes);
		List<byte[]> values = Metadata.getBinary(context.requestHeaders(), "x-trace-bin");
		// end::binary[]
		return values;
	}

	static void cacheable(ConnectContext context) {
		// tag::get[]
		if ("GET".equals(context.httpMethod())) {
			context.responseHeaders().setCacheControl("public, max-age=60");
		}
		// end::get[]
	}

	private static Flux<GreetResponse> slowMessages() {
		return Flux.interval(Duration.ofSeconds(1))
			.take(3)
			.map((n) -> GreetResponse.newBuilder().setGreeting("#" + n).build());
	}

}
