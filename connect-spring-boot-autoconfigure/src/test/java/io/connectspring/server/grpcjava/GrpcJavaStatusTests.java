package io.connectspring.server.grpcjava;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.Arrays;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcJavaStatusTests {

	@Test
	void okIsNoError() {
		assertThat(GrpcJavaStatus.toError(Status.OK, new Metadata())).isNull();
	}

	@Test
	void everyOtherStatusIsTheCodeOfTheSameNumber() {
		Arrays.stream(Status.Code.values()).filter((code) -> code != Status.Code.OK).forEach((code) -> {
			ConnectException error = GrpcJavaStatus.toError(code.toStatus(), new Metadata());
			assertThat(error).isNotNull();
			assertThat(error.code().number()).as(code.name()).isEqualTo(code.value());
			assertThat(error.code().name().replace("CANCELED", "CANCELLED")).isEqualTo(code.name());
		});
	}

	@Test
	void theDescriptionIsTheMessageAndTheCauseStaysOnTheServer() {
		IllegalStateException cause = new IllegalStateException("secret");
		ConnectException error = GrpcJavaStatus.toError(
				Status.NOT_FOUND.withDescription("no such greeting").withCause(cause), new Metadata());
		assertThat(error.rawMessage()).isEqualTo("no such greeting");
		assertThat(error.getCause()).isSameAs(cause);
		assertThat(GrpcJavaStatus.toError(Status.NOT_FOUND, new Metadata()).rawMessage()).isEmpty();
	}

	@Test
	void theDetailsOfStatusProtoBecomeTheErrorsDetails() {
		com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
			.setCode(Status.Code.INVALID_ARGUMENT.value())
			.setMessage("bad")
			.addDetails(Any.pack(StringValue.of("why")))
			.build();
		Metadata trailers = StatusProto.toStatusRuntimeException(status).getTrailers();
		ConnectException error = GrpcJavaStatus.toError(Status.INVALID_ARGUMENT.withDescription("bad"), trailers);
		assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(error.details()).singleElement()
			.satisfies((detail) -> assertThat(detail.unpack(StringValue.class)).contains(StringValue.of("why")));
	}

	@Test
	void detailsThatAreNotAGoogleRpcStatusAreLeftOut() {
		Metadata trailers = new Metadata();
		trailers.put(Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 1 });
		ConnectException error = GrpcJavaStatus.toError(Status.INTERNAL.withDescription("x"), trailers);
		assertThat(error.code()).isEqualTo(Code.INTERNAL);
		assertThat(error.details()).isEmpty();
	}

	@Test
	void aStatusExceptionIsFoundInTheCauseChain() {
		assertThat(GrpcJavaStatus.hasStatus(new RuntimeException(Status.ABORTED.asRuntimeException()))).isTrue();
		assertThat(GrpcJavaStatus.hasStatus(Status.ABORTED.asException())).isTrue();
		assertThat(GrpcJavaStatus.hasStatus(new RuntimeException("plain"))).isFalse();
	}

}
