/**
 * Micrometer observation of served calls: the {@code rpc.server.requests} timer and a span per call, with the
 * conventions a user may replace.
 */
@NullMarked
package io.connectspring.server.observation;

import org.jspecify.annotations.NullMarked;
