package io.connectspring.validation;

import io.connectspring.Code;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;

import java.util.Objects;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import build.buf.validate.Violation;
import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * Checks every request message, of unary calls and of each stream, against the {@code buf.validate} rules of its
 * schema with buf's protovalidate, as connect-go's validate interceptor does: a message that breaks a rule ends the
 * call with {@link Code#INVALID_ARGUMENT}, a message listing the violations
 * ({@code validation error:\n - name: value length must be at least 1 characters [string.min_len]}) and the
 * violations as a {@code buf.validate.Violations} error detail. Messages of types without rules pass unchecked.
 * <p>
 * On the server it checks what clients send, before the service reads it: the service of a unary or
 * server-streaming call is not called, a streaming service sees its request stream fail at the bad message. On a
 * client it checks what the caller sends, and the call fails before the message leaves. Responses are checked only
 * when {@link #validatingResponses() asked}, a violation then ending the call with {@link Code#INTERNAL}. A rule
 * that cannot be evaluated (a broken CEL expression) fails the call with the same code and the validator's message.
 * <p>
 * It runs in {@link #ORDER}, inside authentication and exception handling, outside interceptors without an order.
 * Safe for concurrent use.
 *
 * @see <a href="https://github.com/connectrpc/validate-go">connect-go's validate interceptor</a>
 * @see <a href="https://protovalidate.com">protovalidate</a>
 */
public final class ValidationInterceptor implements ConnectInterceptor, Ordered {

	/** The interceptor's order: inside security ({@link ConnectInterceptor#SECURITY_ORDER}). */
	public static final int ORDER = ConnectInterceptor.SECURITY_ORDER + 1000;

	private final Validator validator;

	private final boolean validateResponses;

	private ValidationInterceptor(Validator validator, boolean validateResponses) {
		this.validator = validator;
		this.validateResponses = validateResponses;
	}

	/** Returns an interceptor with a validator of protovalidate's default configuration. */
	public static ValidationInterceptor create() {
		return create(ValidatorFactory.newBuilder().build());
	}

	/** Returns an interceptor with the given validator, such as one built with a {@code Config} of your own. */
	public static ValidationInterceptor create(Validator validator) {
		return new ValidationInterceptor(Objects.requireNonNull(validator, "validator"), false);
	}

	/** Returns an interceptor that checks response messages too, failing the call with {@code internal}. */
	public ValidationInterceptor validatingResponses() {
		return new ValidationInterceptor(this.validator, true);
	}

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		Flux<Message> responses = next
			.proceed(requests.handle((message, sink) -> check(message, Code.INVALID_ARGUMENT, sink)));
		return this.validateResponses ? responses.handle((message, sink) -> check(message, Code.INTERNAL, sink))
				: responses;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private void check(Message message, Code code, SynchronousSink<Message> sink) {
		ConnectException error = validate(message, code);
		if (error != null) {
			sink.error(error);
		}
		else {
			sink.next(message);
		}
	}

	private @Nullable ConnectException validate(Message message, Code code) {
		ValidationResult result;
		try {
			result = this.validator.validate(message);
		}
		catch (ValidationException ex) {
			return new ConnectException(code, String.valueOf(ex.getMessage()), ex);
		}
		if (result.isSuccess()) {
			return null;
		}
		build.buf.validate.Violations violations = result.toProto();
		return new ConnectException(code, describe(violations)).withDetail(violations);
	}

	/**
	 * Describes violations as protovalidate-go's {@code ValidationError} does, which connect-go sends as the message.
	 */
	static String describe(build.buf.validate.Violations violations) {
		StringBuilder text = new StringBuilder("validation error:");
		for (Violation violation : violations.getViolationsList()) {
			text.append("\n - ");
			String path = path(violation.getField());
			if (!path.isEmpty()) {
				text.append(path).append(": ");
			}
			text.append(violation.getMessage()).append(" [").append(violation.getRuleId()).append(']');
		}
		return text.toString();
	}

	/** Returns a field path as protovalidate writes it: {@code items[2].tags["key"].name}. */
	static String path(FieldPath path) {
		StringBuilder text = new StringBuilder();
		for (FieldPathElement element : path.getElementsList()) {
			if (!text.isEmpty()) {
				text.append('.');
			}
			text.append(element.getFieldName());
			switch (element.getSubscriptCase()) {
				case INDEX -> text.append('[').append(element.getIndex()).append(']');
				case BOOL_KEY -> text.append('[').append(element.getBoolKey()).append(']');
				case INT_KEY -> text.append('[').append(element.getIntKey()).append(']');
				case UINT_KEY -> text.append('[').append(Long.toUnsignedString(element.getUintKey())).append(']');
				case STRING_KEY -> text.append("[\"").append(quoted(element.getStringKey())).append("\"]");
				case SUBSCRIPT_NOT_SET -> {
				}
			}
		}
		return text.toString();
	}

	private static String quoted(String key) {
		return key.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
