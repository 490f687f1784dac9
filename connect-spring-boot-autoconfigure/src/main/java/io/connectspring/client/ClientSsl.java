package io.connectspring.client;

import java.util.function.Consumer;

import io.netty.handler.ssl.SslContextBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.tcp.SslProvider;

/**
 * Turns a Spring Boot {@link SslBundle} into the TLS set-up of a Reactor Netty client: the bundle's trust managers
 * verify the server, its key managers present the client certificate, its options restrict ciphers and protocols.
 * HTTP/2 gets ALPN and HTTP/2's cipher list unless the bundle names ciphers.
 */
final class ClientSsl {

	private ClientSsl() {
	}

	static SslProvider.ProtocolSslContextSpec contextSpec(SslBundle bundle, HttpVersion version) {
		SslManagerBundle managers = bundle.getManagers();
		SslOptions options = bundle.getOptions();
		Consumer<SslContextBuilder> configure = (builder) -> {
			builder.keyManager(managers.getKeyManagerFactory()).trustManager(managers.getTrustManagerFactory());
			if (options.getCiphers() != null) {
				builder.ciphers(SslOptions.asSet(options.getCiphers()));
			}
			if (options.getEnabledProtocols() != null) {
				builder.protocols(options.getEnabledProtocols());
			}
		};
		return (version == HttpVersion.H2) ? Http2SslContextSpec.forClient().configure(configure)
				: Http11SslContextSpec.forClient().configure(configure);
	}

}
