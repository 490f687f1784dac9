/**
 * Calling Connect procedures: the {@link io.connectspring.client.ConnectTransport} generated clients call through
 * and its implementation over Reactor Netty, {@link io.connectspring.client.HttpConnectTransport};
 * {@link io.connectspring.client.CallOptions per-call options} with
 * {@link io.connectspring.client.ResponseMetadata response metadata}; and the blocking call forms,
 * {@link io.connectspring.client.BlockingCalls} and {@link io.connectspring.client.BidiStreamCall}.
 */
@NullMarked
package io.connectspring.client;

import org.jspecify.annotations.NullMarked;
