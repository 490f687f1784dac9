package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.Base64;

import com.google.protobuf.Any;
import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcStatusTests {

	@Test
	void numbersMapToCodesAndUnknownNumbersToUnknown() {
		assertThat(GrpcStatus.code(3)).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(GrpcStatus.code(16)).isEqualTo(Code.UNAUTHENTICATED);
		assertThat(GrpcStatus.code(17)).isEqualTo(Code.UNKNOWN);
		assertThat(GrpcStatus.code(-1)).isEqualTo(Code.UNKNOWN);
		assertThat(GrpcStatus.number(null)).isZero();
		assertThat(GrpcStatus.number(new ConnectException(Code.NOT_FOUND, ""))).isEqualTo(5);
	}

	@Test
	void percentEncodingEscapesNonPrintableBytesAndPercentOnly() {
		assertThat(GrpcStatus.percentEncode("plain text: ok!")).isEqualTo("plain text: ok!");
		assertThat(GrpcStatus.percentEncode("100%")).isEqualTo("100%25");
		assertThat(GrpcStatus.percentEncode("line\nbreak\t")).isEqualTo("line%0Abreak%09");
		assertThat(GrpcStatus.percentEncode("héllo ☺")).isEqualTo("h%C3%A9llo %E2%98%BA");
	}

	@Test
	void percentDecodingReversesEncodingAndKeepsInvalidEscapes() {
		assertThat(GrpcStatus.percentDecode("h%C3%A9llo %E2%98%BA")).isEqualTo("héllo ☺");
		assertThat(GrpcStatus.percentDecode("h%c3%a9")).isEqualTo("hé");
		assertThat(GrpcStatus.percentDecode("50% off %zz %4")).isEqualTo("50% off %zz %4");
		assertThat(GrpcStatus.percentDecode("bad utf8 %FF")).isEqualTo("bad utf8 \uFFFD");
		String message = "tricky: 100% \r\n ☃ \u0000";
		assertThat(GrpcStatus.percentDecode(GrpcStatus.percentEncode(message))).isEqualTo(message);
	}

	@Test
	void statusBytesFollowTheGoogleRpcStatusWireFormat() {
		byte[] bytes = GrpcStatus.statusBytes(new ConnectException(Code.INVALID_ARGUMENT, "hi"));
		assertThat(bytes).containsExactly(0x08, 0x03, 0x12, 0x02, 'h', 'i');
	}

	@Test
	void statusBytesRoundTripWithDetails() {
		ConnectException error = new ConnectException(Code.FAILED_PRECONDITION, "not now ☺")
			.withDetail(StringValue.of("first"))
			.withDetail(Int32Value.of(42));
		ConnectException read = GrpcStatus.fromStatusBytes(GrpcStatus.statusBytes(error));
		assertThat(read).isNotNull();
		assertThat(read.code()).isEqualTo(Code.FAILED_PRECONDITION);
		assertThat(read.rawMessage()).isEqualTo("not now ☺");
		assertThat(read.details()).hasSize(2);
		assertThat(read.details().get(0).unpack(StringValue.class)).contains(StringValue.of("first"));
		assertThat(read.details().get(1).unpack(Int32Value.class)).contains(Int32Value.of(42));
	}

	@Test
	void statusBytesWithUnknownFieldsAreRead() {
		byte[] bytes = { 0x08, 0x05, 0x20, 0x01, 0x12, 0x01, 'x' };
		ConnectException read = GrpcStatus.fromStatusBytes(bytes);
		assertThat(read).isNotNull();
		assertThat(read.code()).isEqualTo(Code.NOT_FOUND);
		assertThat(read.rawMessage()).isEqualTo("x");
	}

	@Test
	void writeSetsStatusMessageAndDetailsOnlyWhenPresent() {
		HttpHeaders ok = new HttpHeaders();
		GrpcStatus.write(null, ok);
		assertThat(ok.toSingleValueMap()).containsOnly(java.util.Map.entry("grpc-status", "0"));

		HttpHeaders plain = new HttpHeaders();
		GrpcStatus.write(new ConnectException(Code.NOT_FOUND, "no 100%"), plain);
		assertThat(plain.getFirst("grpc-status")).isEqualTo("5");
		assertThat(plain.getFirst("grpc-message")).isEqualTo("no 100%25");
		assertThat(plain.containsHeader("grpc-status-details-bin")).isFalse();

		HttpHeaders detailed = new HttpHeaders();
		GrpcStatus.write(new ConnectException(Code.NOT_FOUND, "").withDetail(StringValue.of("d")), detailed);
		assertThat(detailed.containsHeader("grpc-message")).isFalse();
		assertThat(detailed.getFirst("grpc-status-details-bin")).doesNotEndWith("=");
	}

	@Test
	void readReturnsNullForOk() {
		HttpHeaders trailers = new HttpHeaders();
		trailers.set("grpc-status", "0");
		assertThat(GrpcStatus.read(trailers)).isNull();
	}

	@Test
	void readRoundTripsWrittenErrorsAndKeepsApplicationTrailersAsMetadata() {
		HttpHeaders trailers = new HttpHeaders();
		GrpcStatus.write(new ConnectException(Code.ABORTED, "retry ☺").withDetail(StringValue.of("why")), trailers);
		trailers.add("x-custom", "v");
		ConnectException read = GrpcStatus.read(trailers);
		assertThat(read).isNotNull();
		assertThat(read.code()).isEqualTo(Code.ABORTED);
		assertThat(read.rawMessage()).isEqualTo("retry ☺");
		assertThat(read.details()).singleElement()
			.satisfies((detail) -> assertThat(detail.unpack(StringValue.class)).contains(StringValue.of("why")));
		assertThat(read.metadata().getFirst("x-custom")).isEqualTo("v");
		assertThat(read.metadata().containsHeader("grpc-status")).isFalse();
	}

	@Test
	void readPrefersTheDetailsOverTheHeaders() {
		ConnectException inDetails = new ConnectException(Code.DATA_LOSS, "from details");
		HttpHeaders trailers = new HttpHeaders();
		trailers.set("grpc-status", "2");
		trailers.set("grpc-message", "from header");
		trailers.set("grpc-status-details-bin", Base64.getEncoder().encodeToString(GrpcStatus.statusBytes(inDetails)));
		ConnectException read = GrpcStatus.read(trailers);
		assertThat(read).isNotNull();
		assertThat(read.code()).isEqualTo(Code.DATA_LOSS);
		assertThat(read.rawMessage()).isEqualTo("from details");
	}

	@Test
	void readAcceptsPaddedAndUnpaddedDetails() {
		ConnectException error = new ConnectException(Code.INTERNAL, "x").withDetail(Any.getDefaultInstance());
		byte[] bytes = GrpcStatus.statusBytes(error);
		for (String encoded : new String[] { Base64.getEncoder().encodeToString(bytes),
				Base64.getEncoder().withoutPadding().encodeToString(bytes) }) {
			HttpHeaders trailers = new HttpHeaders();
			trailers.set("grpc-status", "13");
			trailers.set("grpc-status-details-bin", encoded);
			assertThat(GrpcStatus.read(trailers)).isNotNull()
				.satisfies((read) -> assertThat(read.details()).hasSize(1));
		}
	}

	@Test
	void readReportsMissingOrMalformedStatus() {
		assertThat(GrpcStatus.read(new HttpHeaders())).isNotNull()
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.INTERNAL));
		HttpHeaders noStatus = new HttpHeaders();
		noStatus.set("x-other", "1");
		assertThat(GrpcStatus.read(noStatus)).isNotNull()
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.UNKNOWN));
		HttpHeaders badStatus = new HttpHeaders();
		badStatus.set("grpc-status", "abc");
		assertThat(GrpcStatus.read(badStatus)).isNotNull()
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.UNKNOWN));
		HttpHeaders badDetails = new HttpHeaders();
		badDetails.set("grpc-status", "3");
		badDetails.set("grpc-status-details-bin", "!!!not base64");
		assertThat(GrpcStatus.read(badDetails)).isNotNull()
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.INTERNAL));
		HttpHeaders notAStatus = new HttpHeaders();
		notAStatus.set("grpc-status", "3");
		notAStatus.set("grpc-status-details-bin", Base64.getEncoder().encodeToString(new byte[] { (byte) 0xFF }));
		assertThat(GrpcStatus.read(notAStatus)).isNotNull()
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.INTERNAL));
	}

}
