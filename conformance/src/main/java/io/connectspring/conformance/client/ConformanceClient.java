package io.connectspring.conformance.client;

import io.connectspring.conformance.SizeDelimited;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import connectrpc.conformance.v1.ClientCompat.ClientCompatRequest;
import connectrpc.conformance.v1.ClientCompat.ClientCompatResponse;
import connectrpc.conformance.v1.ClientCompat.ClientErrorResult;
import connectrpc.conformance.v1.ClientCompat.ClientResponseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conformance suite's client under test: {@code java ... ConformanceClient [--blocking]}. Reads size-delimited
 * {@code ClientCompatRequest}s from standard input until its end, makes each call (many at once) with the reactive
 * generated client, or the blocking one with {@code --blocking}, and writes one size-delimited
 * {@code ClientCompatResponse} per request to standard output, in the order the calls end. Standard output carries
 * nothing else: logs go to standard error.
 */
public final class ConformanceClient {

	/** Calls in flight at once; each holds a thread, which blocks in the blocking client and in request delays. */
	private static final int CONCURRENCY = 16;

	private final Invoker invoker;

	private final TransportCache transports;

	private final OutputStream output;

	private final Logger logger = LoggerFactory.getLogger(ConformanceClient.class);

	ConformanceClient(Invoker invoker, TransportCache transports, OutputStream output) {
		this.invoker = invoker;
		this.transports = transports;
		this.output = output;
	}

	public static void main(String[] args) throws Exception {
		// Before anything logs: logback must not choose its default, which writes to standard output.
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "io/connectspring/conformance/client/logback-client.xml");
		}
		OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
		System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
		boolean blocking = List.of(args).contains("--blocking");
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		Invoker invoker = blocking ? new BlockingInvoker(timer) : new ReactiveInvoker();
		try (TransportCache transports = new TransportCache()) {
			new ConformanceClient(invoker, transports, stdout).run(new BufferedInputStream(System.in));
		}
		finally {
			timer.shutdownNow();
		}
		System.exit(0);
	}


	/** Runs every request of the input and returns once all their responses are written. */
	void run(InputStream input) throws IOException, InterruptedException {
		ExecutorService workers = Executors.newCachedThreadPool();
		Semaphore slots = new Semaphore(CONCURRENCY);
		try {
			ClientCompatRequest request;
			while ((request = SizeDelimited.read(input, ClientCompatRequest.parser())) != null) {
				slots.acquire();
				ClientCompatRequest current = request;
				workers.execute(() -> {
					try {
						write(call(current));
					}
					finally {
						slots.release();
					}
				});
			}
			slots.acquire(CONCURRENCY);
		}
		finally {
			workers.shutdownNow();
			workers.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	ClientCompatResponse call(ClientCompatRequest request) {
		ClientCompatResponse.Builder response = ClientCompatResponse.newBuilder().setTestName(request.getTestName());
		try {
			ClientResponseResult result = this.invoker.invoke(request, this.transports.get(request));
			return response.setResponse(result).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return response.setError(ClientErrorResult.newBuilder().setMessage("interrupted")).build();
		}
		catch (RuntimeException ex) {
			this.logger.warn("{} could not run", request.getTestName(), ex);
			return response.setError(ClientErrorResult.newBuilder().setMessage(String.valueOf(ex))).build();
		}
	}

	private void write(ClientCompatResponse response) {
		synchronized (this.output) {
			try {
				SizeDelimited.write(this.output, response);
			}
			catch (IOException ex) {
				this.logger.error("cannot write the response of {}", response.getTestName(), ex);
			}
		}
	}

}
