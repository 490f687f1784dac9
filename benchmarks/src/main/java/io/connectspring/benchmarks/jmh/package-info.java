/**
 * JMH microbenchmarks of the hot paths: envelopes, codecs, gzip, per-call handler overhead.
 */
@NullMarked
package io.connectspring.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
