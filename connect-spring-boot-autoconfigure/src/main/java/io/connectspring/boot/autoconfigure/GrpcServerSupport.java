package io.connectspring.boot.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Tells whether the application's web server can serve gRPC. gRPC sends its status in HTTP/2 trailers, which only
 * the Reactor Netty server lets the protocol write; on another server gRPC is left out with a warning, and Connect
 * and gRPC-Web are served as usual.
 */
final class GrpcServerSupport {

	private static final String SERVER_FACTORY =
			"org.springframework.boot.web.server.reactive.ReactiveWebServerFactory";

	private static final String REACTOR_NETTY_PACKAGE = "org.springframework.boot.reactor.netty.";

	private static final Log logger = LogFactory.getLog(GrpcServerSupport.class);

	private GrpcServerSupport() {
	}

	/**
	 * Returns whether gRPC can be served: {@code true} with the Reactor Netty server or with no server factory at all
	 * (a router used without a server, as in tests); {@code false}, after a warning, with any other server.
	 */
	static boolean isServable(ConfigurableListableBeanFactory beanFactory) {
		Class<?> factoryType = resolve(SERVER_FACTORY, beanFactory.getBeanClassLoader());
		if (factoryType == null) {
			return true;
		}
		for (String name : beanFactory.getBeanNamesForType(factoryType, false, false)) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && !type.getName().startsWith(REACTOR_NETTY_PACKAGE)) {
				logger.warn("The gRPC protocol is not served: it needs HTTP/2 trailers, which only the Reactor Netty"
						+ " server lets it write, and the web server is " + type.getName() + ". Connect and gRPC-Web"
						+ " are served; set connect.server.grpc.enabled=false to silence this warning.");
				return false;
			}
		}
		return true;
	}

	private static @Nullable Class<?> resolve(String name, @Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(name, classLoader) ? ClassUtils.resolveClassName(name, classLoader) : null;
	}

}
