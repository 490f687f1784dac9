package io.connectspring.internal.wire;

import io.connectspring.Code;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpStatusesTests {

	@Test
	void everyCodeHasTheHttpStatusOfTheConnectSpecsTable() {
		Map<Code, Integer> table = new EnumMap<>(Code.class);
		table.put(Code.CANCELED, 499);
		table.put(Code.UNKNOWN, 500);
		table.put(Code.INVALID_ARGUMENT, 400);
		table.put(Code.DEADLINE_EXCEEDED, 504);
		table.put(Code.NOT_FOUND, 404);
		table.put(Code.ALREADY_EXISTS, 409);
		table.put(Code.PERMISSION_DENIED, 403);
		table.put(Code.RESOURCE_EXHAUSTED, 429);
		table.put(Code.FAILED_PRECONDITION, 400);
		table.put(Code.ABORTED, 409);
		table.put(Code.OUT_OF_RANGE, 400);
		table.put(Code.UNIMPLEMENTED, 501);
		table.put(Code.INTERNAL, 500);
		table.put(Code.UNAVAILABLE, 503);
		table.put(Code.DATA_LOSS, 500);
		table.put(Code.UNAUTHENTICATED, 401);
		assertThat(table).containsOnlyKeys(Code.values());
		table.forEach(
				(code, status) -> assertThat(HttpStatuses.httpStatus(code)).as(code.toString()).isEqualTo(status));
	}

	@Test
	void httpStatusesWithoutAnErrorBodyMapAsGrpcSpecifies() {
		assertThat(HttpStatuses.codeForHttpStatus(400)).isEqualTo(Code.INTERNAL);
		assertThat(HttpStatuses.codeForHttpStatus(401)).isEqualTo(Code.UNAUTHENTICATED);
		assertThat(HttpStatuses.codeForHttpStatus(403)).isEqualTo(Code.PERMISSION_DENIED);
		assertThat(HttpStatuses.codeForHttpStatus(404)).isEqualTo(Code.UNIMPLEMENTED);
		assertThat(HttpStatuses.codeForHttpStatus(429)).isEqualTo(Code.UNAVAILABLE);
		assertThat(HttpStatuses.codeForHttpStatus(502)).isEqualTo(Code.UNAVAILABLE);
		assertThat(HttpStatuses.codeForHttpStatus(503)).isEqualTo(Code.UNAVAILABLE);
		assertThat(HttpStatuses.codeForHttpStatus(504)).isEqualTo(Code.UNAVAILABLE);
		assertThat(HttpStatuses.codeForHttpStatus(500)).isEqualTo(Code.UNKNOWN);
		assertThat(HttpStatuses.codeForHttpStatus(415)).isEqualTo(Code.UNKNOWN);
	}

}
