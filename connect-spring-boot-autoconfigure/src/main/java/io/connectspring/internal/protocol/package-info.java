/**
 * The call runtime both sides share: the interceptor chain and its pass-through interceptor, the check of the
 * messages interceptors pass, the deadline a call inherits from its caller, and the code a failure ends a call with.
 * Imports neither {@code internal.server} nor {@code internal.client}. The wire formats are in
 * {@code io.connectspring.internal.wire}, each side's protocols in {@code internal.server} and
 * {@code internal.client}. Internal: not an API, may change in any release.
 */
@NullMarked
package io.connectspring.internal.protocol;

import org.jspecify.annotations.NullMarked;
