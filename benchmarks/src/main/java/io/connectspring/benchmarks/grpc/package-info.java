/**
 * The peer: grpc-java on its Netty transport, default executor or directExecutor().
 */
@NullMarked
package io.connectspring.benchmarks.grpc;

import org.jspecify.annotations.NullMarked;
