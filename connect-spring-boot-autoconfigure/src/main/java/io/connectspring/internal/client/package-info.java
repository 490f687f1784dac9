/**
 * The client side of the protocols: one class per protocol writing requests and reading responses, the HTTP clients
 * they run on (Reactor Netty, or any Spring connector) and the state of one call. Built on
 * {@code io.connectspring.internal.wire} and the shared call runtime in {@code io.connectspring.internal.protocol};
 * must not import {@code io.connectspring.internal.server}. Internal: not an API, may change in any release.
 */
@NullMarked
package io.connectspring.internal.client;

import org.jspecify.annotations.NullMarked;
