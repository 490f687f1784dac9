package io.connectspring.boot.test.sample;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.server.ConnectAdvice;
import io.connectspring.server.ConnectExceptionHandler;

/** Maps {@link IllegalStateException} to {@code failed_precondition}. */
@ConnectAdvice
public class SampleAdvice {

	@ConnectExceptionHandler
	ConnectException illegal(IllegalStateException ex) {
		return new ConnectException(Code.FAILED_PRECONDITION, ex.getMessage());
	}

}
