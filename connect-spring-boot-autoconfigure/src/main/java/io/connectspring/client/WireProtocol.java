package io.connectspring.client;

/**
 * The wire protocol an {@link HttpConnectTransport} speaks. All three carry the same calls (every stream type,
 * metadata, errors with details, deadlines, compression); they differ in what they need from the network.
 *
 * @see <a href="https://connectrpc.com/docs/protocol">The Connect protocol</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md">gRPC over HTTP/2</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md">gRPC-Web</a>
 */
public enum WireProtocol {

	/**
	 * The Connect protocol, over HTTP/1.1 or HTTP/2: unary calls are plain POST (or GET) requests with status codes
	 * and JSON errors, streams are enveloped and end with an end-of-stream message.
	 */
	CONNECT,

	/**
	 * gRPC, over HTTP/2 only (h2c with prior knowledge, or h2 over TLS): every call is an enveloped stream, and the
	 * status arrives in HTTP trailers, which every proxy on the way must pass through.
	 */
	GRPC,

	/**
	 * gRPC-Web, over HTTP/1.1 or HTTP/2: gRPC with the status in a final message of the body instead of HTTP
	 * trailers, as browsers and gRPC-Web proxies such as Envoy speak it.
	 */
	GRPC_WEB

}
