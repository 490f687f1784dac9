package io.connectspring.benchmarks.webflux;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.connectspring.benchmarks.Frames;
import io.connectspring.benchmarks.Greetings;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.greet.v1.GreetStreamRequest;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code greet.v1.GreetService} as plain WebFlux routes, written the way a WebFlux user would without the starter:
 * read the whole body, parse it with protobuf-java (or its JSON mapping), answer bytes with the Connect content
 * type. No error handling, no negotiation, no interceptors: the ceiling of what the starter can reach on WebFlux.
 * <ul>
 * <li>{@code POST /greet.v1.GreetService/Greet}, {@code application/proto} or {@code application/json}: Connect
 * unary;</li>
 * <li>{@code POST /greet.v1.GreetService/GreetStream}, {@code application/connect+proto}: a {@code Flux} of one
 * envelope per message, then the end-of-stream message.</li>
 * </ul>
 */
public final class GreetRoutes {

	static final MediaType PROTO = MediaType.parseMediaType("application/proto");

	static final MediaType CONNECT_PROTO = MediaType.parseMediaType("application/connect+proto");

	private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();

	private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

	private GreetRoutes() {
	}

	/** Returns the routes. */
	public static RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST("/greet.v1.GreetService/Greet", RequestPredicates.contentType(PROTO), GreetRoutes::greetProto)
			.POST("/greet.v1.GreetService/Greet", RequestPredicates.contentType(MediaType.APPLICATION_JSON),
					GreetRoutes::greetJson)
			.POST("/greet.v1.GreetService/GreetStream", GreetRoutes::greetStream)
			.build();
	}

	private static Mono<ServerResponse> greetProto(ServerRequest request) {
		return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap((body) -> {
			try {
				byte[] answer = Greetings.greet(GreetRequest.parseFrom(body)).toByteArray();
				return ServerResponse.ok().contentType(PROTO).bodyValue(answer);
			}
			catch (InvalidProtocolBufferException ex) {
				return ServerResponse.badRequest().build();
			}
		});
	}

	private static Mono<ServerResponse> greetJson(ServerRequest request) {
		return request.bodyToMono(String.class).defaultIfEmpty("{}").flatMap((body) -> {
			try {
				GreetRequest.Builder greet = GreetRequest.newBuilder();
				JSON_PARSER.merge(body, greet);
				String answer = JSON_PRINTER.print(Greetings.greet(greet.build()));
				return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(answer);
			}
			catch (InvalidProtocolBufferException ex) {
				return ServerResponse.badRequest().build();
			}
		});
	}

	private static Mono<ServerResponse> greetStream(ServerRequest request) {
		DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
		return request.bodyToMono(byte[].class).flatMap((body) -> {
			GreetStreamRequest stream;
			try {
				stream = GreetStreamRequest.parseFrom(Frames.single(body));
			}
			catch (InvalidProtocolBufferException | IllegalArgumentException ex) {
				return ServerResponse.badRequest().build();
			}
			String prefix = Greetings.streamPrefix(stream.getName());
			Flux<DataBuffer> messages = Flux.range(1, stream.getCount())
				.map((n) -> buffers.wrap(Frames.envelope(0, Greetings.streamed(prefix, n).toByteArray())))
				.concatWith(Mono.fromSupplier(() -> buffers.wrap(Frames.CONNECT_END_OK)));
			return ServerResponse.ok().contentType(CONNECT_PROTO).body(BodyInserters.fromDataBuffers(messages));
		});
	}

}
