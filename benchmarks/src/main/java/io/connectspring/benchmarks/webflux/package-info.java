/**
 * The ceiling of our stack: a bare WebFlux RouterFunction serving the same bytes without the starter.
 */
@NullMarked
package io.connectspring.benchmarks.webflux;

import org.jspecify.annotations.NullMarked;
