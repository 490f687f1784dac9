package io.connectspring.boot.autoconfigure;

import io.connectspring.CallSide;
import io.connectspring.Compression;
import io.connectspring.internal.server.Http2ClientErrors;
import io.connectspring.server.BindableService;
import io.connectspring.server.ConnectAdvice;
import io.connectspring.server.ConnectFastPathFilter;
import io.connectspring.server.ConnectHttpHandlerFastPath;
import io.connectspring.server.ConnectRouterFunction;
import io.connectspring.server.ConnectRouterFunctionBuilder;
import io.connectspring.server.ConnectService;
import io.connectspring.server.ConnectServiceContributor;
import io.connectspring.server.ConnectServiceRegistry;
import io.connectspring.server.ExceptionHandlingInterceptor;
import io.connectspring.server.ServerShutdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.reactive.function.server.RouterFunction;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServer;

/**
 * Serves every {@link ConnectService @ConnectService} bean, and the services of every
 * {@link ConnectServiceContributor} bean, on the application's WebFlux server, configured by {@code connect.server.*}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ RouterFunction.class, Message.class })
@ConditionalOnProperty(prefix = "connect.server", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConnectProperties.class)
public final class ConnectServerAutoConfiguration {

	/** The name of the scheduler bean that runs blocking service implementations. */
	public static final String BLOCKING_SCHEDULER_BEAN_NAME = "connectBlockingScheduler";

	@Bean
	@ConditionalOnMissingBean
	ConnectServiceRegistry connectServiceRegistry(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<ConnectServiceContributor> contributors) {
		Map<String, BindableService> services = new LinkedHashMap<>();
		for (Map.Entry<String, Object> bean : beanFactory.getBeansWithAnnotation(ConnectService.class).entrySet()) {
			if (!(bean.getValue() instanceof BindableService service)) {
				throw new IllegalStateException("@ConnectService bean '" + bean.getKey() + "' ("
						+ bean.getValue().getClass().getName()
						+ ") implements no generated Connect service interface; implement the reactive or the"
						+ " blocking interface generated for the service");
			}
			services.put(bean.getKey(), service);
		}
		contributors.orderedStream().forEach((contributor) -> contributor.services().forEach((name, service) -> {
			if (services.putIfAbsent(name, service) != null) {
				throw new IllegalStateException("Two services are named '" + name + "': " + services.get(name)
						+ " and " + service + " (from " + contributor + ")");
			}
		}));
		return ConnectServiceRegistry.of(services);
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectRouterFunction connectRouterFunction(ConfigurableListableBeanFactory beanFactory,
			ConnectProperties properties, ConnectServiceRegistry registry, ObjectProvider<Compression> compressions,
			@Qualifier(BLOCKING_SCHEDULER_BEAN_NAME) Scheduler blockingScheduler,
			ObjectProvider<ServerShutdown> shutdown,
			ObjectProvider<ConnectRouterFunctionBuilderCustomizer> customizers) {
		ConnectProperties.Server server = properties.getServer();
		ConnectRouterFunctionBuilder builder = new ConnectRouterFunctionBuilder().pathPrefix(server.getPathPrefix())
			.maxRequestMessageSize(server.getMaxRequestMessageSize().toBytes())
			.maxResponseMessageSize(server.getMaxResponseMessageSize().toBytes())
			.compressionMinBytes(
					(int) Math.min(Integer.MAX_VALUE, server.getCompression().getMinResponseSize().toBytes()))
			.requireProtocolVersion(server.isRequireProtocolVersion())
			.compressions(new CompressionBeans(compressions, beanFactory.getBeanClassLoader())
				.named(server.getCompression().getAlgorithms(), "connect.server.compression.algorithms"))
			.blockingScheduler(blockingScheduler)
			.grpc(server.getGrpc().isEnabled() && GrpcServerSupport.isServable(beanFactory))
			.grpcWeb(server.getGrpcWeb().isEnabled());
		InterceptorBeans interceptors = new InterceptorBeans(beanFactory, CallSide.SERVER);
		builder.interceptors(interceptors.global());
		registry.services().forEach((name, service) -> {
			ConnectService annotation = beanFactory.containsBean(name)
					? beanFactory.findAnnotationOnBean(name, ConnectService.class) : null;
			builder.service(name, service,
					(annotation != null) ? interceptors.forService(annotation) : interceptors.global());
		});
		shutdown.ifAvailable(builder::shutdown);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ExceptionHandlingInterceptor connectExceptionHandlingInterceptor(ConfigurableListableBeanFactory beanFactory,
			ConnectServiceRegistry registry) {
		List<Object> advice = new ArrayList<>(beanFactory.getBeansWithAnnotation(ConnectAdvice.class).values());
		AnnotationAwareOrderComparator.sort(advice);
		Map<String, Object> services = new LinkedHashMap<>();
		registry.services()
			.values()
			.forEach((service) -> services.put(service.bindService().descriptor().name(), service));
		return new ExceptionHandlingInterceptor(advice, services);
	}

	/**
	 * Shuts calls down with the web server when it shuts down gracefully ({@code server.shutdown=graceful}, Spring
	 * Boot's default): new calls are refused with {@code unavailable} once the shutdown begins, calls in flight go on
	 * for the grace period ({@code spring.lifecycle.timeout-per-shutdown-phase}), and the calls still open when it is
	 * over end with {@code unavailable}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "server.shutdown", havingValue = "graceful", matchIfMissing = true)
	static class GracefulShutdownConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServerShutdown connectServerShutdown() {
			return new ServerShutdown();
		}

		@Bean
		ServerShutdownLifecycle connectRefuseNewCallsLifecycle(ServerShutdown shutdown) {
			return new ServerShutdownLifecycle(shutdown, ServerShutdownLifecycle.Step.REFUSE_NEW_CALLS);
		}

		@Bean
		ServerShutdownLifecycle connectEndCallsLifecycle(ServerShutdown shutdown) {
			return new ServerShutdownLifecycle(shutdown, ServerShutdownLifecycle.Step.END_CALLS);
		}

	}

	/**
	 * Serves the procedures from the end of the {@code WebFilter} chain ({@link ConnectFastPathFilter}), appended after
	 * the application's sorted filters so that every one of them, Spring Security's included, still runs on RPC routes;
	 * or, when asked to ({@code connect.server.fast-path.mode=http-handler}), ahead of WebFlux's web handler
	 * ({@link ConnectHttpHandlerFastPath}), where no filter runs on them. The router stays registered and serves
	 * whatever the fast path does not take.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebHttpHandlerBuilderCustomizer.class)
	@ConditionalOnProperty(prefix = "connect.server.fast-path", name = "enabled", matchIfMissing = true)
	static class FastPathConfiguration {

		/** Runs after the other customizers, so that a filter one of them adds still comes before the fast path. */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		@Conditional(OnWebFilterMode.class)
		WebHttpHandlerBuilderCustomizer connectFastPathCustomizer(ConnectRouterFunction routes) {
			ConnectFastPathFilter fastPath = new ConnectFastPathFilter(routes);
			return (builder) -> builder.filters((filters) -> filters.add(fastPath));
		}

		/** Spring Boot wraps the application's {@code HttpHandler} with every such bean. */
		@Bean
		@ConditionalOnMissingBean
		@Conditional(OnHttpHandlerMode.class)
		ConnectHttpHandlerFastPath connectHttpHandlerFastPath(ConnectRouterFunction routes) {
			return new ConnectHttpHandlerFastPath(routes);
		}

		/** Matches when {@code connect.server.fast-path.mode} binds to the given mode (the default when unset). */
		abstract static class OnFastPathMode extends SpringBootCondition {

			private final ConnectProperties.FastPath.Mode mode;

			OnFastPathMode(ConnectProperties.FastPath.Mode mode) {
				this.mode = mode;
			}

			@Override
			public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
				ConnectProperties.FastPath.Mode bound = Binder.get(context.getEnvironment())
					.bind("connect.server.fast-path.mode", ConnectProperties.FastPath.Mode.class)
					.orElse(ConnectProperties.FastPath.Mode.WEB_FILTER);
				ConditionMessage.Builder message = ConditionMessage.forCondition("Connect fast path mode");
				return (bound == this.mode) ? ConditionOutcome.match(message.foundExactly(bound))
						: ConditionOutcome.noMatch(message.foundExactly(bound));
			}

		}

		static final class OnWebFilterMode extends OnFastPathMode {

			OnWebFilterMode() {
				super(ConnectProperties.FastPath.Mode.WEB_FILTER);
			}

		}

		static final class OnHttpHandlerMode extends OnFastPathMode {

			OnHttpHandlerMode() {
				super(ConnectProperties.FastPath.Mode.HTTP_HANDLER);
			}

		}

	}

	/**
	 * Keeps HTTP/2 protocol errors that clients cause, and that Netty has already answered, out of the error and
	 * warning logs of the Reactor Netty server Spring Boot runs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ NettyServerCustomizer.class, HttpServer.class })
	static class ReactorNettyServerConfiguration {

		@Bean
		NettyServerCustomizer connectHttp2ClientErrorCustomizer() {
			return Http2ClientErrors::install;
		}

	}

	/**
	 * Runs blocking service methods: on virtual threads when {@code spring.threads.virtual.enabled} is on (Java 21 and
	 * later), else on a bounded elastic scheduler sized by {@code connect.server.blocking.*}. One bean method rather
	 * than a nested configuration per threading model, which would be two more class files to read at start-up.
	 */
	@Bean(name = BLOCKING_SCHEDULER_BEAN_NAME, destroyMethod = "dispose")
	@ConditionalOnMissingBean(name = BLOCKING_SCHEDULER_BEAN_NAME)
	Scheduler connectBlockingScheduler(ConnectProperties properties, Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return Schedulers.fromExecutor(new VirtualThreadTaskExecutor("connect-blocking-"));
		}
		ConnectProperties.Blocking blocking = properties.getServer().getBlocking();
		return Schedulers.newBoundedElastic(blocking.getMaxThreads(), blocking.getMaxQueuedCalls(), "connect-blocking");
	}

}
