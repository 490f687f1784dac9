/**
 * An empty WebFlux application, the start-up baseline for the starter's overhead.
 */
@NullMarked
package io.connectspring.benchmarks.empty;

import org.jspecify.annotations.NullMarked;
