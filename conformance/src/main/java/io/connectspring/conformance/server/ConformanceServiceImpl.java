package io.connectspring.conformance.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import connectrpc.conformance.v1.ConformanceService;
import connectrpc.conformance.v1.Service.BidiStreamRequest;
import connectrpc.conformance.v1.Service.BidiStreamResponse;
import connectrpc.conformance.v1.Service.ClientStreamRequest;
import connectrpc.conformance.v1.Service.ClientStreamResponse;
import connectrpc.conformance.v1.Service.ConformancePayload;
import connectrpc.conformance.v1.Service.ConformancePayload.RequestInfo;
import connectrpc.conformance.v1.Service.Error;
import connectrpc.conformance.v1.Service.Header;
import connectrpc.conformance.v1.Service.IdempotentUnaryRequest;
import connectrpc.conformance.v1.Service.IdempotentUnaryResponse;
import connectrpc.conformance.v1.Service.ServerStreamRequest;
import connectrpc.conformance.v1.Service.ServerStreamResponse;
import connectrpc.conformance.v1.Service.StreamResponseDefinition;
import connectrpc.conformance.v1.Service.UnaryRequest;
import connectrpc.conformance.v1.Service.UnaryResponse;
import connectrpc.conformance.v1.Service.UnaryResponseDefinition;
import connectrpc.conformance.v1.Service.UnimplementedRequest;
import connectrpc.conformance.v1.Service.UnimplementedResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code connectrpc.conformance.v1.ConformanceService} as the suite's reference server behaves: each request says
 * what to answer (data or an error, headers, trailers, a delay), and every answer echoes what the server received
 * (request headers, timeout, messages, Connect GET query).
 */
@ConnectService
class ConformanceServiceImpl implements ConformanceService {

	@Override
	public Mono<UnaryResponse> unary(UnaryRequest request, ConnectContext context) {
		return unaryAnswer(request.hasResponseDefinition() ? request.getResponseDefinition() : null,
				List.of(Any.pack(request)), context)
			.map((payload) -> UnaryResponse.newBuilder().setPayload(payload).build());
	}

	@Override
	public Mono<IdempotentUnaryResponse> idempotentUnary(IdempotentUnaryRequest request, ConnectContext context) {
		return unaryAnswer(request.hasResponseDefinition() ? request.getResponseDefinition() : null,
				List.of(Any.pack(request)), context)
			.map((payload) -> IdempotentUnaryResponse.newBuilder().setPayload(payload).build());
	}

	@Override
	public Mono<UnimplementedResponse> unimplemented(UnimplementedRequest request, ConnectContext context) {
		return Mono.error(new ConnectException(Code.UNIMPLEMENTED,
				"connectrpc.conformance.v1.ConformanceService.Unimplemented is not implemented"));
	}

	@Override
	public Mono<ClientStreamResponse> clientStream(Flux<ClientStreamRequest> requests, ConnectContext context) {
		return requests.collectList().flatMap((received) -> {
			UnaryResponseDefinition definition = (!received.isEmpty() && received.get(0).hasResponseDefinition())
					? received.get(0).getResponseDefinition() : null;
			return unaryAnswer(definition, received.stream().map(Any::pack).toList(), context);
		}).map((payload) -> ClientStreamResponse.newBuilder().setPayload(payload).build());
	}

	@Override
	public Flux<ServerStreamResponse> serverStream(ServerStreamRequest request, ConnectContext context) {
		if (!request.hasResponseDefinition()) {
			return Flux.empty();
		}
		StreamResponseDefinition definition = request.getResponseDefinition();
		addHeaders(definition.getResponseHeadersList(), context.responseHeaders());
		addHeaders(definition.getResponseTrailersList(), context.responseTrailers());
		if (definition.getResponseDataCount() > 0) {
			context.sendResponseHeaders();
		}
		return responses(definition, 0, context, List.of(Any.pack(request)),
				(payload) -> ServerStreamResponse.newBuilder().setPayload(payload).build());
	}

	@Override
	public Flux<BidiStreamResponse> bidiStream(Flux<BidiStreamRequest> requests, ConnectContext context) {
		return requests.switchOnFirst((first, all) -> {
			BidiStreamRequest firstRequest = first.get();
			if (firstRequest == null) {
				return all.thenMany(Flux.empty());
			}
			StreamResponseDefinition definition = firstRequest.getResponseDefinition();
			addHeaders(definition.getResponseHeadersList(), context.responseHeaders());
			addHeaders(definition.getResponseTrailersList(), context.responseTrailers());
			return firstRequest.getFullDuplex() ? fullDuplex(all, definition, context)
					: halfDuplex(all, definition, context);
		});
	}

	/** Answers each request as it arrives, then the responses left over, then the error if one was asked for. */
	private Flux<BidiStreamResponse> fullDuplex(Flux<BidiStreamRequest> requests, StreamResponseDefinition definition,
			ConnectContext context) {
		if (definition.getResponseDataCount() > 0) {
			context.sendResponseHeaders();
		}
		Duration delay = Duration.ofMillis(definition.getResponseDelayMs());
		AtomicInteger sent = new AtomicInteger();
		List<Any> unanswered = new ArrayList<>();
		// A request that finds no response left ends the reading, as the reference server's loop breaks there.
		Flux<BidiStreamResponse> answers = requests.concatMap((request) -> {
			unanswered.add(Any.pack(request));
			int n = sent.get();
			if (n >= definition.getResponseDataCount()) {
				return Mono.just(Optional.<BidiStreamResponse>empty());
			}
			RequestInfo info = (n == 0) ? requestInfo(context, List.copyOf(unanswered))
					: RequestInfo.newBuilder().addAllRequests(unanswered).build();
			unanswered.clear();
			sent.incrementAndGet();
			return Mono.delay(delay)
				.thenReturn(Optional.of(BidiStreamResponse.newBuilder()
					.setPayload(payload(definition.getResponseData(n), info))
					.build()));
		}).takeWhile(Optional::isPresent).map(Optional::get);
		return answers.concatWith(Flux.defer(() -> rest(definition, sent.get(), context, List.copyOf(unanswered))));
	}

	/** Reads every request, then sends the responses and the error if one was asked for. */
	private Flux<BidiStreamResponse> halfDuplex(Flux<BidiStreamRequest> requests, StreamResponseDefinition definition,
			ConnectContext context) {
		return requests.map(Any::pack).collectList().flatMapMany((received) -> {
			if (definition.getResponseDataCount() > 0) {
				context.sendResponseHeaders();
			}
			return rest(definition, 0, context, received);
		});
	}

	private Flux<BidiStreamResponse> rest(StreamResponseDefinition definition, int from, ConnectContext context,
			List<Any> requests) {
		return responses(definition, from, context, requests,
				(payload) -> BidiStreamResponse.newBuilder().setPayload(payload).build());
	}

	/**
	 * Returns the responses from number {@code from} on, each after the delay, the first echoing the request info;
	 * then the error if one was asked for, echoing the request info when no response came before it.
	 */
	private static <R> Flux<R> responses(StreamResponseDefinition definition, int from, ConnectContext context,
			List<Any> requests, Function<ConformancePayload, R> response) {
		Duration delay = Duration.ofMillis(definition.getResponseDelayMs());
		Flux<R> responses = Flux.range(from, definition.getResponseDataCount() - from)
			.concatMap((n) -> Mono.delay(delay).thenReturn(n))
			.map((n) -> response.apply(
					payload(definition.getResponseData(n), (n == 0) ? requestInfo(context, requests) : null)));
		if (definition.hasError()) {
			responses = responses.concatWith(Mono.error(() -> error(definition.getError(),
					(definition.getResponseDataCount() == 0) ? requestInfo(context, requests) : null)));
		}
		return responses;
	}

	/** The unary answer: the payload, or the error; headers and trailers set; after the delay. */
	private Mono<ConformancePayload> unaryAnswer(@Nullable UnaryResponseDefinition definition, List<Any> requests,
			ConnectContext context) {
		RequestInfo info = requestInfo(context, requests);
		if (definition == null) {
			return Mono.just(ConformancePayload.newBuilder().setRequestInfo(info).build());
		}
		addHeaders(definition.getResponseHeadersList(), context.responseHeaders());
		addHeaders(definition.getResponseTrailersList(), context.responseTrailers());
		Mono<ConformancePayload> answer = definition.hasError()
				? Mono.error(error(definition.getError(), info))
				: Mono.just(payload(definition.getResponseData(), info));
		return Mono.delay(Duration.ofMillis(definition.getResponseDelayMs())).then(answer);
	}

	private static ConformancePayload payload(ByteString data, @Nullable RequestInfo info) {
		ConformancePayload.Builder payload = ConformancePayload.newBuilder().setData(data);
		if (info != null) {
			payload.setRequestInfo(info);
		}
		return payload.build();
	}

	private static RequestInfo requestInfo(ConnectContext context, List<Any> requests) {
		RequestInfo.Builder info = RequestInfo.newBuilder()
			.addAllRequestHeaders(headers(context.requestHeaders()))
			.addAllRequests(requests);
		context.timeRemaining().ifPresent((remaining) -> info.setTimeoutMs(remaining.toMillis()));
		Map<String, List<String>> query = context.queryParams();
		if (!query.isEmpty()) {
			info.getConnectGetInfoBuilder().addAllQueryParams(headers(query));
		}
		return info.build();
	}

	private static List<Header> headers(Map<String, List<String>> values) {
		List<Header> headers = new ArrayList<>();
		values.forEach((name, value) -> headers.add(Header.newBuilder().setName(name).addAllValue(value).build()));
		return headers;
	}

	private static List<Header> headers(HttpHeaders values) {
		List<Header> headers = new ArrayList<>();
		values.forEach((name, value) -> headers.add(Header.newBuilder().setName(name).addAllValue(value).build()));
		return headers;
	}

	private static void addHeaders(List<Header> headers, HttpHeaders target) {
		for (Header header : headers) {
			for (String value : header.getValueList()) {
				target.add(header.getName(), value);
			}
		}
	}

	private static ConnectException error(Error error, @Nullable Message requestInfo) {
		Code code = Code.forNumber(error.getCodeValue());
		ConnectException exception = new ConnectException((code != null) ? code : Code.UNKNOWN,
				error.hasMessage() ? error.getMessage() : "");
		for (Any detail : error.getDetailsList()) {
			exception.withDetail(detail);
		}
		return (requestInfo != null) ? exception.withDetail(requestInfo) : exception;
	}

}
