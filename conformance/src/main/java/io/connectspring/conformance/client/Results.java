package io.connectspring.conformance.client;

import io.connectspring.ConnectException;
import io.connectspring.ErrorDetail;
import io.connectspring.client.ResponseMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import connectrpc.conformance.v1.ClientCompat.ClientResponseResult;
import connectrpc.conformance.v1.Service.ConformancePayload;
import connectrpc.conformance.v1.Service.Error;
import connectrpc.conformance.v1.Service.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Collects what one call produced (payloads, error, metadata) into the {@link ClientResponseResult} the runner reads.
 * Used by the one thread that drives the call.
 */
final class Results {

	private final ResponseMetadata metadata = new ResponseMetadata();

	private final List<ConformancePayload> payloads = new ArrayList<>();

	private @Nullable ConnectException error;

	private int unsentRequests;

	/** Returns the holder the transport fills with the call's response headers and trailers. */
	ResponseMetadata metadata() {
		return this.metadata;
	}

	void payload(ConformancePayload payload) {
		this.payloads.add(payload);
	}

	int payloadCount() {
		return this.payloads.size();
	}

	/** Records the call's error; the first one wins. */
	void error(ConnectException error) {
		if (this.error == null) {
			this.error = error;
		}
	}

	boolean failed() {
		return this.error != null;
	}

	void unsentRequests(int count) {
		this.unsentRequests = count;
	}

	ClientResponseResult toResult() {
		ClientResponseResult.Builder result = ClientResponseResult.newBuilder()
			.addAllResponseHeaders(headers(this.metadata.headers()))
			.addAllResponseTrailers(headers(this.metadata.trailers()))
			.addAllPayloads(this.payloads)
			.setNumUnsentRequests(this.unsentRequests);
		if (this.error != null) {
			result.setError(toError(this.error));
		}
		return result.build();
	}

	static Error toError(ConnectException exception) {
		Error.Builder error = Error.newBuilder().setCodeValue(exception.code().number());
		if (!exception.rawMessage().isEmpty()) {
			error.setMessage(exception.rawMessage());
		}
		for (ErrorDetail detail : exception.details()) {
			error.addDetails(detail.value());
		}
		return error.build();
	}

	static List<Header> headers(HttpHeaders headers) {
		List<Header> result = new ArrayList<>();
		for (Map.Entry<String, List<String>> entry : headers.headerSet()) {
			result.add(Header.newBuilder().setName(entry.getKey()).addAllValue(entry.getValue()).build());
		}
		return result;
	}

}
