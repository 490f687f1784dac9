package io.connectspring;

import java.time.Instant;
import java.util.Optional;

import org.springframework.http.HttpHeaders;

/**
 * One call as an interceptor sees it, on either side: the procedure and the metadata in both directions. Messages are
 * not part of it; they flow through {@link ConnectInterceptor#intercept}.
 * <p>
 * Which headers may be changed depends on the side:
 * <ul>
 * <li>On the {@link CallSide#SERVER server}, {@link #requestHeaders()} are read-only; {@link #responseHeaders()} may be
 * changed until the first response message (or the end of the call) is sent, {@link #responseTrailers()} until the
 * call ends.</li>
 * <li>On the {@link CallSide#CLIENT client}, {@link #requestHeaders()} may be changed until the interceptor hands the
 * requests on; {@link #responseHeaders()} are empty until the server's headers arrive (they have when the first
 * response message or the end of the call is signalled) and read-only; {@link #responseTrailers()} are filled when
 * the call ends, read-only.</li>
 * </ul>
 * A call is confined to its own pipeline: read and change it from the operators of that call, not from several
 * threads at once.
 */
public interface ConnectCall {

	/** Returns the procedure being called. */
	MethodDescriptor<?, ?> method();

	/** Returns whether this end serves or makes the call. */
	CallSide side();

	/** Returns the wire protocol of the call: {@code "connect"}, {@code "grpc"} or {@code "grpcweb"}. */
	String protocol();

	/** Returns the request headers (leading metadata), protocol headers included. */
	HttpHeaders requestHeaders();

	/** Returns the response headers. */
	HttpHeaders responseHeaders();

	/** Returns the response trailers. */
	HttpHeaders responseTrailers();

	/** Returns when the call's deadline expires, or empty when it has no timeout. */
	Optional<Instant> deadline();

}
