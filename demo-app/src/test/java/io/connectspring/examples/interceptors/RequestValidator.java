package io.connectspring.examples.interceptors;

import com.google.protobuf.Message;

/** An application's own check of request messages. */
@FunctionalInterface
public interface RequestValidator {

	/**
	 * Checks one request.
	 * @param request the request message
	 * @throws io.connectspring.ConnectException with {@code INVALID_ARGUMENT} to reject it
	 */
	void check(Message request);

}
