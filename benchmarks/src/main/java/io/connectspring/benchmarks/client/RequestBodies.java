package io.connectspring.benchmarks.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.connectspring.benchmarks.Frames;
import io.connectspring.benchmarks.Greetings;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.greet.v1.GreetStreamRequest;

/**
 * Writes the request bodies the load tools send, and prints what a complete stream answer weighs.
 * <p>
 * {@code RequestBodies <dir> <stream count>} writes {@code greet.bin} (a bare GreetRequest, Connect unary),
 * {@code greet.grpc.bin} (the same, enveloped, for gRPC), {@code greet.json} (Connect unary JSON) and
 * {@code stream.bin} (an enveloped GreetStreamRequest for the count, for Connect streaming and gRPC alike), then
 * prints {@code stream_message_bytes=<n>}: the bytes of the count enveloped answers, without any end-of-stream
 * message.
 */
public final class RequestBodies {

	/** The name every request greets. */
	public static final String NAME = "World";

	private RequestBodies() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		int count = Integer.parseInt(args[1]);
		Files.createDirectories(dir);
		byte[] greet = GreetRequest.newBuilder().setName(NAME).build().toByteArray();
		Files.write(dir.resolve("greet.bin"), greet);
		Files.write(dir.resolve("greet.grpc.bin"), Frames.envelope(0, greet));
		Files.writeString(dir.resolve("greet.json"), "{\"name\":\"" + NAME + "\"}", StandardCharsets.UTF_8);
		Files.write(dir.resolve("stream.bin"),
				Frames.envelope(0, GreetStreamRequest.newBuilder().setName(NAME).setCount(count).build().toByteArray()));
		String prefix = Greetings.streamPrefix(NAME);
		long bytes = 0;
		for (int n = 1; n <= count; n++) {
			bytes += Frames.PREFIX + Greetings.streamed(prefix, n).getSerializedSize();
		}
		System.out.println("stream_message_bytes=" + bytes);
	}

}
