package io.connectspring.conformance.client;

import io.connectspring.client.CallOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import connectrpc.conformance.v1.ClientCompat.ClientCompatRequest;
import connectrpc.conformance.v1.ConfigOuterClass.StreamType;
import connectrpc.conformance.v1.Service.Header;

/**
 * What a {@link ClientCompatRequest} asks of one call, read once: the call options, the request messages, the
 * delay before each, and when to cancel.
 *
 * @param fullDuplex whether a bidi call reads a response after each request instead of after the last
 * @param beforeCloseSend whether to cancel instead of closing the sending side
 * @param afterCloseSendMs milliseconds after closing the sending side at which to cancel, or {@code -1}
 * @param afterNumResponses the number of responses after which to cancel, or {@code -1}
 * @param requestDelay the pause before each request message of a client or bidi stream
 */
record CallPlan(boolean fullDuplex, boolean beforeCloseSend, long afterCloseSendMs, int afterNumResponses,
		Duration requestDelay) {

	static CallPlan of(ClientCompatRequest request) {
		boolean beforeCloseSend = false;
		long afterCloseSendMs = -1;
		int afterNumResponses = -1;
		if (request.hasCancel()) {
			ClientCompatRequest.Cancel cancel = request.getCancel();
			switch (cancel.getCancelTimingCase()) {
				case BEFORE_CLOSE_SEND -> beforeCloseSend = true;
				case AFTER_CLOSE_SEND_MS -> afterCloseSendMs = cancel.getAfterCloseSendMs();
				case AFTER_NUM_RESPONSES -> afterNumResponses = cancel.getAfterNumResponses();
				case CANCELTIMING_NOT_SET -> afterCloseSendMs = 0;
			}
		}
		return new CallPlan(request.getStreamType() == StreamType.STREAM_TYPE_FULL_DUPLEX_BIDI_STREAM,
				beforeCloseSend, afterCloseSendMs, afterNumResponses, Duration.ofMillis(request.getRequestDelayMs()));
	}

	/** Returns the call's options: the request headers, the timeout, and the holder of the response metadata. */
	static CallOptions options(ClientCompatRequest request, Results results) {
		CallOptions options = CallOptions.defaults().withResponseMetadata(results.metadata());
		for (Header header : request.getRequestHeadersList()) {
			for (String value : header.getValueList()) {
				options = options.withHeader(header.getName(), value);
			}
		}
		if (request.hasTimeoutMs()) {
			options = options.withTimeout(Duration.ofMillis(request.getTimeoutMs()));
		}
		return options;
	}

	/**
	 * Unpacks the request messages.
	 * @throws IllegalArgumentException when one is not of the method's request type
	 */
	static <T extends Message> List<T> messages(ClientCompatRequest request, Class<T> type) {
		List<T> messages = new ArrayList<>();
		for (Any any : request.getRequestMessagesList()) {
			try {
				messages.add(any.unpack(type));
			}
			catch (InvalidProtocolBufferException ex) {
				throw new IllegalArgumentException("request message " + any.getTypeUrl() + " is no "
						+ type.getSimpleName() + ": " + ex.getMessage(), ex);
			}
		}
		return messages;
	}

	/** Returns the one request message of a unary or server-stream call. */
	static <T extends Message> T single(ClientCompatRequest request, Class<T> type) {
		List<T> messages = messages(request, type);
		if (messages.size() != 1) {
			throw new IllegalArgumentException(request.getMethod() + " needs exactly one request message, got "
					+ messages.size());
		}
		return messages.get(0);
	}

	/** Waits before sending a stream's next request message. */
	void delay() throws InterruptedException {
		if (!this.requestDelay.isZero()) {
			Thread.sleep(this.requestDelay.toMillis());
		}
	}

	/** Waits until the moment to cancel after the sending side was closed. */
	void delayAfterCloseSend() throws InterruptedException {
		if (this.afterCloseSendMs > 0) {
			Thread.sleep(this.afterCloseSendMs);
		}
	}

	boolean cancelsAfterCloseSend() {
		return this.afterCloseSendMs >= 0;
	}

	boolean cancelsAfter(int responses) {
		return responses == this.afterNumResponses;
	}

}
