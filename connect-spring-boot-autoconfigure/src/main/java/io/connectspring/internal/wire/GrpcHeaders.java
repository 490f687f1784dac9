package io.connectspring.internal.wire;

/**
 * The request and response headers with which gRPC and gRPC-Web negotiate compression, read by the server and the
 * client alike. The status's trailers are named in {@link GrpcStatus} and {@code grpc-timeout} in
 * {@link GrpcTimeout}, beside the code that writes and reads their values. Wire format: depends on nothing.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md#requests">gRPC over HTTP/2:
 * Requests</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/compression.md">gRPC compression</a>
 */
public final class GrpcHeaders {

	/** The compression of the sender's messages; {@code identity} or absent for none. */
	public static final String ENCODING = "grpc-encoding";

	/** The compressions the sender accepts in the other direction, comma-separated. */
	public static final String ACCEPT_ENCODING = "grpc-accept-encoding";

	private GrpcHeaders() {
	}

}
