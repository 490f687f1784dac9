package io.connectspring.codegen;

/**
 * A failure the user can fix in their {@code .proto} files; its message names the file and what to change. The
 * generator reports it in the response's {@code error} field, and the Maven goal as a build failure.
 */
final class CodeGenerationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Creates an exception with the given user-facing message. */
	CodeGenerationException(String message) {
		super(message);
	}

}
