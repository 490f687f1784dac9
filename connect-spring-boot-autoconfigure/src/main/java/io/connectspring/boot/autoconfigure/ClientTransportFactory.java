package io.connectspring.boot.autoconfigure;

import io.connectspring.CallSide;
import io.connectspring.Compression;
import io.connectspring.ConnectInterceptor;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.HttpVersion;
import io.connectspring.client.WireProtocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

/**
 * Builds the {@link HttpConnectTransport} of one {@code connect.client.<name>}: its properties, the compression and
 * interceptor beans it uses.
 */
final class ClientTransportFactory {

	private static final Bindable<Map<String, ConnectClientProperties.Client>> CLIENTS = Bindable
		.mapOf(String.class, ConnectClientProperties.Client.class);

	private final Environment environment;

	private final ListableBeanFactory beanFactory;

	ClientTransportFactory(Environment environment, ListableBeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	/** Binds {@code connect.client} as it is now: placeholders resolve against the environment at this moment. */
	static Map<String, ConnectClientProperties.Client> clients(Environment environment) {
		return Binder.get(environment).bind("connect.client", CLIENTS).orElseGet(LinkedHashMap::new);
	}

	HttpConnectTransport create(String name) {
		Map<String, ConnectClientProperties.Client> clients = clients(this.environment);
		ConnectClientProperties.Client client = clients.get(name);
		if (client == null) {
			throw new IllegalStateException("connect.client." + name + " is no longer configured");
		}
		String prefix = "connect.client." + name + ".";
		if (client.getBaseUrl() == null || client.getBaseUrl().isBlank()) {
			throw new IllegalStateException(prefix + "base-url is required, such as http://localhost:8080");
		}
		HttpConnectTransport.Builder builder = HttpConnectTransport.builder(client.getBaseUrl())
			.protocol(protocol(prefix, client.getProtocol()))
			.codec(codec(prefix, client.getCodec()))
			.getRequests(client.isGetRequests())
			.inheritDeadline(client.isInheritDeadline())
			.compressions(compressions(prefix, client))
			.interceptors(interceptors(prefix, name, clients));
		if (client.getHttpVersion() != null) {
			HttpVersion version = httpVersion(prefix, client.getHttpVersion());
			if (version == HttpVersion.HTTP_1_1 && client.getProtocol().equals("grpc")) {
				throw new IllegalStateException(prefix + "http-version is '1.1', but protocol grpc needs HTTP/2: use"
						+ " h2c or h2 (or leave http-version unset), or protocol grpc-web over HTTP/1.1");
			}
			builder.httpVersion(version);
		}
		if (client.getSendCompression() != null) {
			builder.sendCompression(client.getSendCompression());
		}
		builder.compressMinBytes((int) Math.min(Integer.MAX_VALUE, client.getMinRequestSize().toBytes()));
		if (client.getTimeout() != null) {
			builder.timeout(client.getTimeout());
		}
		if (client.getMaxReadMessageSize() != null) {
			builder.readMaxBytes(client.getMaxReadMessageSize().toBytes());
		}
		if (client.getMaxSendMessageSize() != null) {
			builder.sendMaxBytes(client.getMaxSendMessageSize().toBytes());
		}
		client.getHeaders().forEach(builder::header);
		if (client.getSsl().getBundle() != null) {
			builder.ssl(sslBundle(prefix, client.getSsl().getBundle()));
		}
		this.beanFactory.getBeanProvider(ConnectClientTransportCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(name, builder));
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(prefix + "*: " + ex.getMessage(), ex);
		}
	}

	private SslBundle sslBundle(String prefix, String name) {
		SslBundles bundles = this.beanFactory.getBeanProvider(SslBundles.class).getIfAvailable();
		if (bundles == null) {
			throw new IllegalStateException(prefix + "ssl.bundle is '" + name
					+ "', but there is no SslBundles bean: configure spring.ssl.bundle.* with Spring Boot's SSL"
					+ " auto-configuration");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException(prefix + "ssl.bundle is '" + name + "', which is no SSL bundle; available: "
					+ bundles.getBundleNames(), ex);
		}
	}

	private static WireProtocol protocol(String prefix, String value) {
		return switch (value) {
			case "connect" -> WireProtocol.CONNECT;
			case "grpc" -> WireProtocol.GRPC;
			case "grpc-web" -> WireProtocol.GRPC_WEB;
			default -> throw new IllegalStateException(
					prefix + "protocol is '" + value + "'; use connect, grpc or grpc-web");
		};
	}

	private static HttpVersion httpVersion(String prefix, String value) {
		return switch (value) {
			case "1.1" -> HttpVersion.HTTP_1_1;
			case "h2c" -> HttpVersion.H2C;
			case "h2" -> HttpVersion.H2;
			default -> throw new IllegalStateException(prefix + "http-version is '" + value
					+ "'; use 1.1, h2c (HTTP/2 over cleartext) or h2 (HTTP/2 over TLS)");
		};
	}

	private static String codec(String prefix, String value) {
		if (!value.equals("proto") && !value.equals("json")) {
			throw new IllegalStateException(prefix + "codec is '" + value + "'; use proto or json");
		}
		return value;
	}

	/**
	 * The accepted algorithms, in the configured order or else the built-in ones that can run, and the send algorithm
	 * if it is not among them.
	 */
	private List<Compression> compressions(String prefix, ConnectClientProperties.Client client) {
		ClassLoader classLoader = (this.beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		CompressionBeans compressions = new CompressionBeans(this.beanFactory.getBeanProvider(Compression.class),
				classLoader);
		List<String> accepted = client.getAcceptCompressions();
		List<String> names = new ArrayList<>((accepted != null) ? accepted : compressions.builtInNames());
		if (client.getSendCompression() != null && !names.contains(client.getSendCompression())) {
			names.add(client.getSendCompression());
		}
		return compressions.named(names, prefix + "accept-compressions or send-compression");
	}

	/**
	 * The interceptor beans of one client in Spring order: those it names, and those no client names whose scope
	 * includes clients.
	 */
	private List<ConnectInterceptor> interceptors(String prefix, String name,
			Map<String, ConnectClientProperties.Client> clients) {
		List<String> beans = List.of(this.beanFactory.getBeanNamesForType(ConnectInterceptor.class));
		List<String> own = clients.get(name).getInterceptors();
		for (String beanName : own) {
			if (!beans.contains(beanName)) {
				throw new IllegalStateException(prefix + "interceptors names '" + beanName
						+ "', which is no ConnectInterceptor bean; available: " + beans);
			}
		}
		Set<String> namedByClients = new HashSet<>();
		clients.values().forEach((client) -> namedByClients.addAll(client.getInterceptors()));
		return InterceptorBeans.ordered(this.beanFactory, (beanName) -> own.contains(beanName)
				|| (!namedByClients.contains(beanName)
						&& InterceptorBeans.inScope(this.beanFactory, beanName, CallSide.CLIENT)));
	}

}
