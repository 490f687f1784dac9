/**
 * Server transport code below WebFlux (Reactor Netty and Netty pipeline handlers). Internal: not API, may change in
 * any release.
 */
@NullMarked
package io.connectspring.internal.server;

import org.jspecify.annotations.NullMarked;
