/**
 * The server side of the protocols: negotiation of a request, one class per protocol reading requests and writing
 * responses, the state of one call, deadlines, and the transport code below WebFlux (Reactor Netty and Netty pipeline
 * handlers). Built on {@code io.connectspring.internal.wire} and the shared call runtime in
 * {@code io.connectspring.internal.protocol}; must not import {@code io.connectspring.internal.client}. Internal: not
 * API, may change in any release.
 */
@NullMarked
package io.connectspring.internal.server;

import org.jspecify.annotations.NullMarked;
