package io.connectspring.examples.errors;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.server.ConnectAdvice;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectExceptionHandler;

import java.util.NoSuchElementException;

/** Maps application exceptions of every Connect service to Connect errors (docs/exception-handling.md). */
// tag::advice[]
@ConnectAdvice
public class GreetExceptionAdvice {

	@ConnectExceptionHandler
	ConnectException notFound(NoSuchElementException ex, ConnectContext context) {
		return new ConnectException(Code.NOT_FOUND, ex.getMessage())
			.withMetadata("x-procedure", context.method().procedure());
	}

	@ConnectExceptionHandler({ IllegalArgumentException.class, IllegalStateException.class })
	ConnectException invalid(RuntimeException ex) {
		return new ConnectException(Code.INVALID_ARGUMENT, ex.getMessage());
	}

}
// end::advice[]
