package io.connectspring.internal.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link StreamingBodyWriter} on a real Reactor Netty server, read by Reactor Netty's client. */
class StreamingBodyWriterTests {

	private static final int BIG = 16 * 1024;

	private static volatile BiFunction<ServerHttpResponse, DataBufferMaker, Mono<Void>> handler;

	private static DisposableServer server;

	@BeforeAll
	static void start() {
		server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
			.handle(new ReactorHttpHandlerAdapter((request, response) -> handler.apply(response,
					(bytes) -> response.bufferFactory().wrap(bytes))))
			.bindNow();
	}

	@AfterAll
	static void stop() {
		server.disposeNow();
	}

	private static HttpClient client(HttpProtocol protocol) {
		return HttpClient.create().protocol(protocol).baseUrl("http://127.0.0.1:" + server.port());
	}

	private static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP11", "H2C" })
	void everyBufferArrivesInOrderWithTheHeadersSetBeforeTheFirst(HttpProtocol protocol) {
		handler = (response, buffers) -> StreamingBodyWriter.write(response, Flux.defer(() -> {
			// Set once the body is subscribed: the response commits at the first buffer, not before.
			response.getHeaders().set("x-set-late", "yes");
			return Flux.range(1, 1000).map((i) -> buffers.make(text(i + ",")));
		}));
		String[] answer = client(protocol).get()
			.uri("/")
			.responseSingle((head, body) -> body.asString()
				.map((text) -> new String[] { head.status().code() + " " + head.responseHeaders().get("x-set-late"),
						text }))
			.block(Duration.ofSeconds(10));
		StringBuilder expected = new StringBuilder();
		for (int i = 1; i <= 1000; i++) {
			expected.append(i).append(',');
		}
		assertThat(answer).containsExactly("200 yes", expected.toString());
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP11", "H2C" })
	void anEmptyBodyCommitsAnEmptyResponse(HttpProtocol protocol) {
		handler = (response, buffers) -> {
			response.getHeaders().set("x-empty", "yes");
			return StreamingBodyWriter.write(response, Flux.empty());
		};
		String answer = client(protocol).get()
			.uri("/")
			.responseSingle((head, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> head.status().code() + " " + head.responseHeaders().get("x-empty") + " [" + text
						+ "]"))
			.block(Duration.ofSeconds(10));
		assertThat(answer).isEqualTo("200 yes []");
	}

	@Test
	void aBodyFailingBeforeItsFirstBufferLeavesTheResponseUncommitted() {
		handler = (response, buffers) -> StreamingBodyWriter
			.write(response, Flux.<DataBuffer>error(new IllegalStateException("no body")))
			.onErrorResume(IllegalStateException.class, (failure) -> {
				response.setStatusCode(HttpStatus.I_AM_A_TEAPOT);
				return response.setComplete();
			});
		Integer status = client(HttpProtocol.H2C).get()
			.uri("/")
			.responseSingle((head, body) -> Mono.just(head.status().code()))
			.block(Duration.ofSeconds(10));
		assertThat(status).isEqualTo(418);
	}

	@Test
	void aReaderThatStopsReadingStopsTheBodyAfterAFewBuffers() {
		int count = 2000;
		AtomicInteger produced = new AtomicInteger();
		handler = (response, buffers) -> StreamingBodyWriter.write(response,
				Flux.range(0, count).map((i) -> {
					produced.incrementAndGet();
					return buffers.make(new byte[BIG]);
				}));
		AtomicLong received = new AtomicLong();
		CountDownLatch ended = new CountDownLatch(1);
		BaseSubscriber<ByteBuf> reader = new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.request(1);
			}

			@Override
			protected void hookOnNext(ByteBuf content) {
				received.addAndGet(content.readableBytes());
			}

			@Override
			protected void hookOnComplete() {
				ended.countDown();
			}

		};
		client(HttpProtocol.H2C).get().uri("/").responseContent().subscribe(reader);
		await().atMost(Duration.ofSeconds(10)).until(() -> received.get() > 0);
		// The client's flow-control window (64 KiB) fills and Netty stops taking buffers; Reactor Netty's own send
		// loop would have requested 128 of them (2 MiB) at once.
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> produced.get() <= 32);
		reader.request(Long.MAX_VALUE);
		await().atMost(Duration.ofSeconds(20)).until(() -> ended.getCount() == 0);
		assertThat(received.get()).isEqualTo((long) count * BIG);
		assertThat(produced.get()).isEqualTo(count);
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP11", "H2C" })
	void aReaderThatGoesAwayCancelsTheBodyAndCompletesTheWrite(HttpProtocol protocol) throws Exception {
		CountDownLatch bodyCancelled = new CountDownLatch(1);
		CountDownLatch writeCompleted = new CountDownLatch(1);
		handler = (response, buffers) -> StreamingBodyWriter
			.write(response,
					Flux.concat(Mono.fromSupplier(() -> buffers.make(text("first"))), Flux.<DataBuffer>never())
						.doOnCancel(bodyCancelled::countDown))
			.doOnSuccess((done) -> writeCompleted.countDown());
		String first = client(protocol).get()
			.uri("/")
			.responseContent()
			.asString()
			.next()
			.block(Duration.ofSeconds(10));
		assertThat(first).isEqualTo("first");
		assertThat(bodyCancelled.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(writeCompleted.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aDecoratedResponseGetsTheBodyThroughItsWriteWith() {
		AtomicReference<String> seen = new AtomicReference<>("");
		handler = (response, buffers) -> {
			ServerHttpResponse decorated = new ServerHttpResponseDecorator(response) {

				@Override
				public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
					return super.writeWith(Flux.from(body).doOnNext((buffer) -> seen
						.accumulateAndGet(buffer.toString(StandardCharsets.UTF_8), String::concat)));
				}

			};
			return StreamingBodyWriter.write(decorated,
					Flux.just("a", "b", "c").map((part) -> buffers.make(text(part))));
		};
		String body = client(HttpProtocol.H2C).get()
			.uri("/")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10));
		assertThat(body).isEqualTo("abc");
		assertThat(seen.get()).isEqualTo("abc");
	}

	@FunctionalInterface
	private interface DataBufferMaker {

		DataBuffer make(byte[] bytes);

	}

}
