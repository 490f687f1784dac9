package io.connectspring.examples.http2;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Changes the HTTP/2 settings the server announces: more concurrent streams per connection, and a larger
 * flow-control window per stream.
 */
@Configuration(proxyBeanMethods = false)
public class Http2SettingsConfiguration {

	// tag::settings[]
	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> http2Settings(ServerProperties server) {
		long maxHeaderListSize = server.getMaxHttpRequestHeaderSize().toBytes();
		// Unordered, so it runs after Spring Boot's own customizer (order 0): these settings are applied last.
		return (factory) -> factory.addServerCustomizers((httpServer) -> httpServer.http2Settings((settings) -> settings
			.maxConcurrentStreams(1_000)
			.initialWindowSize(1024 * 1024)
			// http2Settings replaces every setting Spring Boot made: keep server.max-http-request-header-size.
			.maxHeaderListSize(maxHeaderListSize)));
	}
	// end::settings[]

}
