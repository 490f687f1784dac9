package io.connectspring.server.grpcjava;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.Set;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GrpcMetadataTests {

	private static final Metadata.Key<String> TENANT = Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);

	private static final Metadata.Key<byte[]> TRACE = Metadata.Key.of("x-trace-bin", Metadata.BINARY_BYTE_MARSHALLER);

	@Test
	void requestHeadersBecomeMetadataWithBinaryValuesDecoded() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Tenant", "acme");
		headers.add("x-tenant", "globex");
		headers.add("x-trace-bin", "AAE=,Ag");
		headers.add("x-trace-bin", "-_8");
		Metadata metadata = GrpcMetadata.fromHeaders(headers);
		assertThat(metadata.getAll(TENANT)).containsExactly("acme", "globex");
		assertThat(metadata.getAll(TRACE)).containsExactly(new byte[] { 0, 1 }, new byte[] { 2 },
				new byte[] { (byte) 0xfb, (byte) 0xff });
	}

	@Test
	void headersThatAreNotMetadataOrThatGrpcJavaCannotNameAreLeftOut() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("host", "example.com");
		headers.add("connection", "keep-alive");
		headers.add("x-odd$name", "v");
		headers.add("content-type", "application/grpc");
		assertThat(GrpcMetadata.fromHeaders(headers).keys()).containsExactly("content-type");
	}

	@Test
	void aBinaryHeaderThatIsNotBase64IsAnInvalidArgumentNamingIt() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("x-trace-bin", "not base64!");
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> GrpcMetadata.fromHeaders(headers))
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT))
			.withMessageContaining("x-trace-bin");
	}

	@Test
	void metadataBecomesHeadersWithBinaryValuesEncodedUnpadded() {
		Metadata metadata = new Metadata();
		metadata.put(TENANT, "acme");
		metadata.put(TENANT, "globex");
		metadata.put(TRACE, new byte[] { 0, 1 });
		metadata.put(Metadata.Key.of("grpc-status", Metadata.ASCII_STRING_MARSHALLER), "0");
		HttpHeaders headers = new HttpHeaders();
		GrpcMetadata.addTo(headers, metadata, Set.of("grpc-status"));
		assertThat(headers.get("x-tenant")).containsExactly("acme", "globex");
		assertThat(headers.get("x-trace-bin")).containsExactly("AAE");
		assertThat(headers.containsHeader("grpc-status")).isFalse();
	}

}
