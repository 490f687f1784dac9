package io.connectspring.server;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * The other end of a call.
 *
 * @param address the remote address, or {@code null} when the transport does not know it (as in tests without a
 * port)
 * @param protocol the wire protocol of the call: {@code "connect"}, {@code "grpc"} or {@code "grpcweb"}
 */
public record Peer(@Nullable InetSocketAddress address, String protocol) {
}
