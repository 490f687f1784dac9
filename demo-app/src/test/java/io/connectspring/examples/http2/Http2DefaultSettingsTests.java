package io.connectspring.examples.http2;

import io.connectspring.demo.DemoApplication;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/2 settings an application of the starter announces as it comes (Spring Boot's and Reactor Netty's
 * defaults, with {@code server.http2.enabled=true}), read from the wire.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class Http2DefaultSettingsTests {

	@LocalServerPort
	private int port;

	@Test
	void theServerAnnouncesTheDefaultSettings() throws IOException {
		ServerSettings settings = ServerSettings.read(this.port);
		assertThat(settings.maxConcurrentStreams()).isEqualTo(100);
		assertThat(settings.initialWindowSize()).isEqualTo(65_535);
		assertThat(settings.maxFrameSize()).isEqualTo(16_384);
		assertThat(settings.maxHeaderListSize()).isEqualTo(8_192);
	}

}
