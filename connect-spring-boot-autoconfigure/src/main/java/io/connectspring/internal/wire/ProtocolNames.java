package io.connectspring.internal.wire;

/**
 * The names of the wire protocols as {@link io.connectspring.ConnectCall#protocol()} reports them, on the server
 * and the client alike; the same strings connect-go uses ({@code ProtocolConnect}, {@code ProtocolGRPC},
 * {@code ProtocolGRPCWeb}). Wire format: depends on nothing.
 */
public final class ProtocolNames {

	/** The Connect protocol, unary and streaming. */
	public static final String CONNECT = "connect";

	/** gRPC over HTTP/2. */
	public static final String GRPC = "grpc";

	/** gRPC-Web, binary or text. */
	public static final String GRPC_WEB = "grpcweb";

	private ProtocolNames() {
	}

}
