/**
 * Shared pieces of the benchmark servers: port, readiness line, greetings, envelopes. Not API.
 */
@NullMarked
package io.connectspring.benchmarks;

import org.jspecify.annotations.NullMarked;
