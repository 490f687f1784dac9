/**
 * Micrometer observation of client calls: the {@code rpc.client.requests} timer and a span per call whose trace
 * context travels in the request headers.
 */
@NullMarked
package io.connectspring.client.observation;

import org.jspecify.annotations.NullMarked;
