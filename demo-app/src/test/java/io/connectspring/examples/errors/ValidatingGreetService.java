package io.connectspring.examples.errors;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.server.ConnectContext;
import reactor.core.publisher.Mono;

import com.google.rpc.BadRequest;

/** A unary method that rejects a request with a typed error detail and error metadata. */
final class ValidatingGreetService {

	Mono<GreetResponse> greet(GreetRequest request, ConnectContext context) {
		if (request.getName().isEmpty()) {
			String requestId = context.requestHeaders().getFirst("x-request-id");
			// tag::error[]
			return Mono.error(new ConnectException(Code.INVALID_ARGUMENT, "name is required")
				.withDetail(BadRequest.newBuilder()
					.addFieldViolations(BadRequest.FieldViolation.newBuilder()
						.setField("name")
						.setDescription("must not be empty"))
					.build())
				.withMetadata("x-request-id", requestId));
			// end::error[]
		}
		return Mono.just(GreetResponse.newBuilder().setGreeting("Hello, " + request.getName() + "!").build());
	}

}
