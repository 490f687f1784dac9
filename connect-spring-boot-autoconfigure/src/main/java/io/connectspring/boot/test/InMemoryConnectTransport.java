package io.connectspring.boot.test;

import io.connectspring.MethodDescriptor;
import io.connectspring.client.CallOptions;
import io.connectspring.client.ConnectTransport;
import io.connectspring.client.HttpConnectTransport;

import java.util.Objects;
import java.util.function.Consumer;

import com.google.protobuf.Message;
import org.reactivestreams.Publisher;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link ConnectTransport} that calls an application's own routes in memory, with no socket: each call is handed to
 * the application's WebFlux {@link HttpHandler} (its filters, routes and error handling) through spring-test's
 * {@link HttpHandlerConnector}, as {@code WebTestClient.bindToApplicationContext} does.
 * <p>
 * Calls speak the Connect protocol by default, or gRPC-Web; not gRPC, whose status travels in HTTP/2 trailers that
 * Spring's client API does not expose. All four stream types work, bidirectional streams full-duplex: the service
 * reads each request message as the caller publishes it, and the caller reads each response as the service
 * publishes it. The server sees no remote address ({@code ConnectContext.peer().address()} is {@code null}).
 * <p>
 * {@link ConnectTest @ConnectTest} and
 * {@link AutoConfigureInMemoryConnectTransport @AutoConfigureInMemoryConnectTransport} define one as a bean; declare
 * a bean of this type to configure it further. Safe for concurrent use.
 */
public final class InMemoryConnectTransport implements ConnectTransport, AutoCloseable {

	private final HttpConnectTransport transport;

	/**
	 * Creates a transport to the routes of a handler.
	 * @param handler the application's handler, such as Spring Boot's {@code HttpHandler} bean
	 * @param path the path the routes are served under: the server's {@code connect.server.path-prefix} (and
	 * {@code spring.webflux.base-path}, if the handler applies it), or empty
	 * @param settings configures the transport further: protocol, codec, headers, interceptors, timeout
	 * @throws IllegalArgumentException if the settings choose gRPC, or an HTTP version, HTTP client or SSL bundle,
	 * which the in-memory exchange has no use for
	 */
	public InMemoryConnectTransport(HttpHandler handler, String path, Consumer<HttpConnectTransport.Builder> settings) {
		Objects.requireNonNull(handler, "handler");
		HttpConnectTransport.Builder builder = HttpConnectTransport.builder("http://localhost" + path)
			.clientHttpConnector(new HttpHandlerConnector(handler));
		settings.accept(builder);
		this.transport = builder.build();
	}

	@Override
	public <Req extends Message, Res extends Message> Mono<Res> unary(MethodDescriptor<Req, Res> method, Req request,
			CallOptions options) {
		return this.transport.unary(method, request, options);
	}

	@Override
	public <Req extends Message, Res extends Message> Mono<Res> clientStream(MethodDescriptor<Req, Res> method,
			Publisher<Req> requests, CallOptions options) {
		return this.transport.clientStream(method, requests, options);
	}

	@Override
	public <Req extends Message, Res extends Message> Flux<Res> serverStream(MethodDescriptor<Req, Res> method,
			Req request, CallOptions options) {
		return this.transport.serverStream(method, request, options);
	}

	@Override
	public <Req extends Message, Res extends Message> Flux<Res> bidiStream(MethodDescriptor<Req, Res> method,
			Publisher<Req> requests, CallOptions options) {
		return this.transport.bidiStream(method, requests, options);
	}

	@Override
	public void close() {
		this.transport.close();
	}

}
