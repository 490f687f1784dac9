package io.connectspring.examples.http2;

import io.connectspring.demo.DemoApplication;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why {@link Http2SettingsConfiguration} uses a {@code WebServerFactoryCustomizer}: HTTP/2 settings made by a
 * {@link NettyServerCustomizer} bean never reach the wire, because Spring Boot's own customizer, applied after the
 * beans, sets the settings again (for {@code server.max-http-request-header-size}) and Reactor Netty's
 * {@code http2Settings} replaces them all. If this test fails, Spring Boot changed and the simpler bean works.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(NettyServerCustomizerBeanTests.SettingsBean.class)
class NettyServerCustomizerBeanTests {

	@LocalServerPort
	private int port;

	@Test
	void http2SettingsOfANettyServerCustomizerBeanAreReplacedBySpringBoots() throws IOException {
		ServerSettings settings = ServerSettings.read(this.port);
		assertThat(settings.maxConcurrentStreams()).isEqualTo(100);
		assertThat(settings.maxHeaderListSize()).isEqualTo(8_192);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SettingsBean {

		@Bean
		NettyServerCustomizer moreStreams() {
			return (server) -> server.http2Settings((settings) -> settings.maxConcurrentStreams(1_000));
		}

	}

}
