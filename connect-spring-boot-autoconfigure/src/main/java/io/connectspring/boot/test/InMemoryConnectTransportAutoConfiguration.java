package io.connectspring.boot.test;

import io.connectspring.boot.autoconfigure.ConnectServerAutoConfiguration;
import io.connectspring.client.WireProtocol;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The auto-configuration {@link AutoConfigureInMemoryConnectTransport @AutoConfigureInMemoryConnectTransport}
 * imports: an {@link InMemoryConnectTransport} on the application's {@link HttpHandler}, with the protocol and codec
 * of {@code connect.test.client.*}.
 */
@AutoConfiguration(after = ConnectServerAutoConfiguration.class,
		afterName = "org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpHandlerConnector.class)
public final class InMemoryConnectTransportAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	InMemoryConnectTransport connectInMemoryTransport(ObjectProvider<HttpHandler> httpHandler,
			ApplicationContext context, Environment environment) {
		HttpHandler handler = httpHandler.getIfAvailable();
		String path = environment.getProperty("connect.server.path-prefix", "");
		if (handler != null) {
			// Spring Boot's handler serves under the WebFlux base path.
			path = environment.getProperty("spring.webflux.base-path", "") + path;
		}
		else {
			handler = WebHttpHandlerBuilder.applicationContext(context).build();
		}
		Binder binder = Binder.get(environment);
		WireProtocol protocol = binder.bind("connect.test.client.protocol", WireProtocol.class)
			.orElse(WireProtocol.CONNECT);
		String codec = binder.bind("connect.test.client.codec", String.class).orElse("proto");
		return new InMemoryConnectTransport(handler, path, (builder) -> builder.protocol(protocol).codec(codec));
	}

}
