/**
 * Calling Connect procedures: the {@link io.connectspring.client.ConnectTransport} generated clients call through,
 * {@link io.connectspring.client.CallOptions per-call options}, and the blocking call handles.
 */
@NullMarked
package io.connectspring.client;

import org.jspecify.annotations.NullMarked;
