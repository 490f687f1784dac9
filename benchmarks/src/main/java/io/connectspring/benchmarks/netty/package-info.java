/**
 * The ceiling of the transport: a bare Reactor Netty HttpServer serving the same bytes.
 */
@NullMarked
package io.connectspring.benchmarks.netty;

import org.jspecify.annotations.NullMarked;
