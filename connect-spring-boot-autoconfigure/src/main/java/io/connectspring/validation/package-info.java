/**
 * Checks of messages against the {@code buf.validate} rules of their schemas:
 * {@link io.connectspring.validation.ValidationInterceptor}. Needs {@code build.buf:protovalidate} on the class path.
 *
 * @see <a href="https://protovalidate.com">protovalidate</a>
 */
@NullMarked
package io.connectspring.validation;

import org.jspecify.annotations.NullMarked;
