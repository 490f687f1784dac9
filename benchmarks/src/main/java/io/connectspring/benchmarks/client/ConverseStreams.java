package io.connectspring.benchmarks.client;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import org.reactivestreams.Publisher;

import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Opens many {@code greet.v1.GreetService/Converse} streams at once over h2c, for the stream-holding load clients
 * ({@link IdleStreamsClient}, {@link ManyStreamsClient}).
 * <p>
 * Streams are spread over connections of 100 streams each, the SETTINGS_MAX_CONCURRENT_STREAMS Reactor Netty servers
 * and grpc-java announce by default; a stream beyond what the open connections take waits for a free one, at most
 * the given time. Every stream carries the Connect streaming or the gRPC content type, binary protobuf. Safe to use
 * from many threads; {@link #close()} releases the connections.
 */
final class ConverseStreams implements AutoCloseable {

	private static final int STREAMS_PER_CONNECTION = 100;

	private final ConnectionProvider provider;

	private final HttpClient client;

	/**
	 * Prepares connections for {@code streams} streams to the server on {@code port}, with gRPC requests if
	 * {@code grpc} is set and Connect streaming requests otherwise; a stream waits {@code openTimeout} at most for
	 * room on a connection.
	 */
	ConverseStreams(String name, int port, boolean grpc, int streams, Duration openTimeout) {
		int connections = Math.max(1, (streams + STREAMS_PER_CONNECTION - 1) / STREAMS_PER_CONNECTION);
		this.provider = ConnectionProvider.builder(name)
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(openTimeout)
			.allocationStrategy(Http2AllocationStrategy.builder()
				.maxConnections(connections)
				.minConnections(1)
				.maxConcurrentStreams(STREAMS_PER_CONNECTION)
				.build())
			.build();
		this.client = HttpClient.create(this.provider)
			.protocol(HttpProtocol.H2C)
			.baseUrl("http://127.0.0.1:" + port)
			.headers((headers) -> {
				if (grpc) {
					headers.set("content-type", "application/grpc").set("te", "trailers");
				}
				else {
					headers.set("content-type", "application/connect+proto");
				}
			});
	}

	/**
	 * A {@code Converse} call that sends {@code requests} (enveloped messages) as its body once the response is
	 * subscribed to.
	 */
	HttpClient.ResponseReceiver<?> open(Publisher<? extends ByteBuf> requests) {
		return this.client.post().uri("/greet.v1.GreetService/Converse").send(requests);
	}

	/** Closes the connections, waiting 10 seconds at most. */
	@Override
	public void close() {
		this.provider.disposeLater().block(Duration.ofSeconds(10));
	}

}
