package io.connectspring.benchmarks.netty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.connectspring.benchmarks.Frames;
import io.connectspring.benchmarks.Greetings;
import io.connectspring.benchmarks.Ready;
import io.connectspring.benchmarks.ServerPort;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.greet.v1.GreetStreamRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The transport's ceiling: Reactor Netty's {@link HttpServer} (HTTP/1.1 and h2c on one port, as Spring Boot
 * configures it) answering {@code greet.v1.GreetService} with no Spring in between. Same routes and bytes as
 * {@link io.connectspring.benchmarks.webflux.GreetRoutes}.
 */
public final class ReactorNettyBenchServer {

	private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();

	private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

	private ReactorNettyBenchServer() {
	}

	public static void main(String[] args) {
		int port = ServerPort.from(args);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
			.route((routes) -> routes.post("/greet.v1.GreetService/Greet", ReactorNettyBenchServer::greet)
				.post("/greet.v1.GreetService/GreetStream", ReactorNettyBenchServer::greetStream)
				.post("/greet.v1.GreetService/Converse", ReactorNettyBenchServer::converse))
			.bindNow();
		Ready.announce(port);
		server.onDispose().block();
	}

	private static Publisher<Void> greet(HttpServerRequest request, HttpServerResponse response) {
		boolean json = String.valueOf(request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE))
			.startsWith("application/json");
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			try {
				byte[] answer;
				if (json) {
					GreetRequest.Builder greet = GreetRequest.newBuilder();
					JSON_PARSER.merge(new String(body, StandardCharsets.UTF_8), greet);
					answer = JSON_PRINTER.print(Greetings.greet(greet.build())).getBytes(StandardCharsets.UTF_8);
				}
				else {
					answer = Greetings.greet(GreetRequest.parseFrom(body)).toByteArray();
				}
				return response.header(HttpHeaderNames.CONTENT_TYPE, json ? "application/json" : "application/proto")
					.sendByteArray(Mono.just(answer))
					.then();
			}
			catch (InvalidProtocolBufferException ex) {
				return response.status(HttpResponseStatus.BAD_REQUEST).send();
			}
		});
	}

	/**
	 * Connect bidi, simplified for the idle-stream scenario: each received chunk is taken as whole envelopes (the
	 * load generators send one envelope per DATA frame), each answered at once; the end-of-stream message follows
	 * the request's end.
	 */
	private static Publisher<Void> converse(HttpServerRequest request, HttpServerResponse response) {
		Flux<byte[]> answers = request.receive().asByteArray().concatMapIterable((chunk) -> {
			List<byte[]> out = new ArrayList<>(1);
			int at = 0;
			while (at + Frames.PREFIX <= chunk.length) {
				int length = ((chunk[at + 1] & 0xFF) << 24) | ((chunk[at + 2] & 0xFF) << 16)
						| ((chunk[at + 3] & 0xFF) << 8) | (chunk[at + 4] & 0xFF);
				byte[] message = Arrays.copyOfRange(chunk, at + Frames.PREFIX, at + Frames.PREFIX + length);
				try {
					out.add(Frames.envelope(0, Greetings.greet(GreetRequest.parseFrom(message)).toByteArray()));
				}
				catch (InvalidProtocolBufferException ex) {
					throw new IllegalArgumentException(ex);
				}
				at += Frames.PREFIX + length;
			}
			return out;
		}).concatWith(Mono.just(Frames.CONNECT_END_OK));
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/connect+proto").sendByteArray(answers);
	}

	private static Publisher<Void> greetStream(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asByteArray().flatMap((body) -> {
			GreetStreamRequest stream;
			try {
				stream = GreetStreamRequest.parseFrom(Frames.single(body));
			}
			catch (InvalidProtocolBufferException | IllegalArgumentException ex) {
				return response.status(HttpResponseStatus.BAD_REQUEST).send();
			}
			String prefix = Greetings.streamPrefix(stream.getName());
			Flux<byte[]> messages = Flux.range(1, stream.getCount())
				.map((n) -> Frames.envelope(0, Greetings.streamed(prefix, n).toByteArray()))
				.concatWith(Mono.just(Frames.CONNECT_END_OK));
			return response.header(HttpHeaderNames.CONTENT_TYPE, "application/connect+proto")
				.sendByteArray(messages)
				.then();
		});
	}

}
