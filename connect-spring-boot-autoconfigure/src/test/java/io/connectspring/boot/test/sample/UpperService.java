package io.connectspring.boot.test.sample;

import io.connectspring.IdempotencyLevel;
import io.connectspring.MethodDescriptor;
import io.connectspring.ServiceDescriptor;
import io.connectspring.StreamType;
import io.connectspring.server.BindableService;
import io.connectspring.server.ConnectService;
import io.connectspring.server.ServiceBinding;

import java.util.List;
import java.util.Locale;

import com.google.protobuf.StringValue;
import reactor.core.publisher.Mono;

/**
 * A second service: upper-cases its request; {@code "illegal"} throws an {@link IllegalStateException}, which
 * {@link SampleAdvice} maps.
 */
@ConnectService
public class UpperService implements BindableService {

	public static final MethodDescriptor<StringValue, StringValue> UPPER = new MethodDescriptor<>(
			"test.v1.UpperService", "Upper", StreamType.UNARY, IdempotencyLevel.IDEMPOTENCY_UNKNOWN,
			StringValue.getDefaultInstance(), StringValue.getDefaultInstance());

	@Override
	public ServiceBinding bindService() {
		return ServiceBinding.builder(new ServiceDescriptor("test.v1.UpperService", List.of(UPPER)))
			.unary(UPPER, (request, context) -> {
				if (request.getValue().equals("illegal")) {
					throw new IllegalStateException("illegal as asked");
				}
				return Mono.just(StringValue.of(request.getValue().toUpperCase(Locale.ROOT)));
			})
			.build();
	}

}
