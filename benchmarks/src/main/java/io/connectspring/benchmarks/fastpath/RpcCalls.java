package io.connectspring.benchmarks.fastpath;

import java.util.List;

import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Serves a call on an exchange with one of the starter's procedure handlers, as {@code HandlerFunctionAdapter} and
 * {@code ServerResponseResultHandler} would, without the {@code DispatcherHandler} around them: create the
 * {@link ServerRequest}, call the handler, write its {@link ServerResponse}.
 */
final class RpcCalls implements ServerResponse.Context {

	private final List<HttpMessageReader<?>> readers;

	private final List<HttpMessageWriter<?>> writers;

	RpcCalls(ServerCodecConfigurer codecs) {
		this.readers = codecs.getReaders();
		this.writers = codecs.getWriters();
	}

	List<HttpMessageReader<?>> readers() {
		return this.readers;
	}

	Mono<Void> serve(HandlerFunction<ServerResponse> handler, ServerWebExchange exchange) {
		ServerRequest request = ServerRequest.create(exchange, this.readers);
		return handler.handle(request).flatMap((response) -> response.writeTo(exchange, this));
	}

	@Override
	public List<HttpMessageWriter<?>> messageWriters() {
		return this.writers;
	}

	@Override
	public List<ViewResolver> viewResolvers() {
		return List.of();
	}

}
