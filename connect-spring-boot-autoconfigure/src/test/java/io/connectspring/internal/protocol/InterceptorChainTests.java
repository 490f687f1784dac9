package io.connectspring.internal.protocol;

import io.connectspring.ConnectInterceptor;
import io.connectspring.MethodDescriptor;
import io.connectspring.fixtures.EchoService;
import io.connectspring.internal.client.ClientCallState;

import java.util.List;

import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class InterceptorChainTests {

	private final ConnectInterceptor plain = (call, requests, next) -> next.proceed(requests);

	@Test
	void forMethodLeavesOutInterceptorsThatPassThatProcedureThrough() {
		PassingEcho passingEcho = new PassingEcho();
		InterceptorChain chain = InterceptorChain.of(List.of(this.plain, passingEcho));
		assertThat(chain.forMethod(EchoService.ECHO).interceptors()).containsExactly(this.plain);
		assertThat(chain.forMethod(EchoService.CHAT).interceptors()).containsExactly(this.plain, passingEcho);
	}

	@Test
	void forMethodKeepsTheChainWhenNothingPassesThrough() {
		InterceptorChain chain = InterceptorChain.of(List.of(this.plain));
		assertThat(chain.forMethod(EchoService.ECHO)).isSameAs(chain);
	}

	@Test
	void chainWithoutInterceptorsCallsTheEndDirectly() {
		InterceptorChain chain = InterceptorChain.of(List.of(new PassingEcho())).forMethod(EchoService.ECHO);
		assertThat(chain.interceptors()).isEmpty();
		Flux<Message> requests = Flux.just(StringValue.of("a"), StringValue.of("b"));
		StepVerifier.create(chain.invoke(null, requests, (received) -> received)).expectNextCount(2).verifyComplete();
	}

	@Test
	void aChainChecksTheTypesInterceptorsPassButNotHowManyPass() {
		ConnectInterceptor duplicating = (call, requests, next) -> next.proceed(requests)
			.flatMap((response) -> Flux.just(response, response));
		InterceptorChain chain = InterceptorChain.of(List.of(duplicating));
		ClientCallState call = new ClientCallState(EchoService.ECHO, new HttpHeaders(), null, "connect");
		StepVerifier.create(chain.invoke(call, Flux.just(StringValue.of("a")), (received) -> received))
			.expectNextCount(2)
			.verifyComplete();
		StepVerifier.create(chain.invoke(call, Flux.just(StringValue.of("a")),
				(received) -> Flux.just(EchoService.int32(1))))
			.expectErrorMessage("internal: an interceptor of /test.v1.EchoService/Echo passed a"
					+ " google.protobuf.Int32Value as response, expected google.protobuf.StringValue")
			.verify();
	}

	/** Passes the calls of Echo through; intercepting them would be a mistake. */
	static final class PassingEcho implements ConnectInterceptor, PassThroughInterceptor {

		@Override
		public boolean passesThrough(MethodDescriptor<?, ?> method) {
			return method == EchoService.ECHO;
		}

		@Override
		public Flux<Message> intercept(io.connectspring.ConnectCall call, Flux<Message> requests, Next next) {
			return next.proceed(requests);
		}

	}

}
