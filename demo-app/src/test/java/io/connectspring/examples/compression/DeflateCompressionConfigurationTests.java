package io.connectspring.examples.compression;

import io.connectspring.demo.DemoApplication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

class DeflateCompressionConfigurationTests {

	@Test
	void deflateCompressedRequestIsReadAndLargeResponseIsDeflated() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class,
				DeflateCompressionConfiguration.class)
			.run("--server.port=0", "--connect.server.compression.algorithms=deflate,gzip")) {
			// A plain Reactor Netty client: it neither asks for nor undoes compression, so the test sees the wire.
			WebTestClient client = WebTestClient
				.bindToServer(new ReactorClientHttpConnector(HttpClient.create().compress(false)))
				.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
				.build();
			String name = "n".repeat(2000);
			byte[] body = client.post()
				.uri("/greet.v1.GreetService/Greet")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Content-Encoding", "deflate")
				.bodyValue(deflate(("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("Content-Encoding", "deflate")
				.expectHeader()
				.valueEquals("Accept-Encoding", "deflate,gzip")
				.expectBody(byte[].class)
				.returnResult()
				.getResponseBody();
			String json = new String(new InflaterInputStream(new ByteArrayInputStream(body)).readAllBytes(),
					StandardCharsets.UTF_8);
			assertThat(json).isEqualTo("{\"greeting\":\"Hello, " + name + "!\"}");
		}
	}

	private static byte[] deflate(byte[] data) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
			deflater.write(data);
		}
		return out.toByteArray();
	}

}
