/**
 * The client under test of the Connect conformance suite: reads the runner's {@code ClientCompatRequest}s from
 * standard input, makes each call with the generated {@code ConformanceService} clients over an
 * {@link io.connectspring.client.HttpConnectTransport}, and writes {@code ClientCompatResponse}s to standard output.
 */
@NullMarked
package io.connectspring.conformance.client;

import org.jspecify.annotations.NullMarked;
