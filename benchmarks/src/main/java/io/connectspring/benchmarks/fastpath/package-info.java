/**
 * Prototypes of a fast path for RPC routes (issue 18.2): the starter's real procedure handlers, reached with less of
 * WebFlux in front of them. {@link io.connectspring.benchmarks.fastpath.FastPathBenchApplication} runs one candidate
 * per JVM; {@code benchmarks/run fastpath} measures them side by side with the starter as it is, bare WebFlux and
 * bare Reactor Netty.
 */
@NullMarked
package io.connectspring.benchmarks.fastpath;

import org.jspecify.annotations.NullMarked;
