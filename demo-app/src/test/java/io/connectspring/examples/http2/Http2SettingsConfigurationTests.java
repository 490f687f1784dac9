package io.connectspring.examples.http2;

import io.connectspring.demo.DemoApplication;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Http2SettingsConfiguration}'s settings reach the wire, and the server still serves calls. */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(Http2SettingsConfiguration.class)
class Http2SettingsConfigurationTests {

	@LocalServerPort
	private int port;

	@Test
	void theServerAnnouncesTheConfiguredSettings() throws IOException {
		ServerSettings settings = ServerSettings.read(this.port);
		assertThat(settings.maxConcurrentStreams()).isEqualTo(1_000);
		assertThat(settings.initialWindowSize()).isEqualTo(1024 * 1024);
		assertThat(settings.maxHeaderListSize()).isEqualTo(8_192);
		assertThat(settings.maxFrameSize()).isEqualTo(16_384);
	}

	@Test
	void callsStillWorkOverH2c() {
		String answer = HttpClient.create()
			.protocol(HttpProtocol.H2C)
			.headers((headers) -> headers.set("content-type", "application/json"))
			.post()
			.uri("http://127.0.0.1:" + this.port + "/greet.v1.GreetService/Greet")
			.send(ByteBufFlux.fromString(Mono.just("{\"name\":\"Ada\"}")))
			.responseSingle((response, body) -> body.asString())
			.block(Duration.ofSeconds(10));
		assertThat(answer).contains("Hello, Ada");
	}

}
