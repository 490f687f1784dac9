package io.connectspring.boot.autoconfigure;

import io.connectspring.server.ConnectServiceContributor;
import io.connectspring.server.ConnectServiceRegistry;
import io.connectspring.server.grpcjava.GrpcJavaServices;

import java.util.List;
import java.util.Map;

import com.google.protobuf.StringValue;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectServerGrpcJavaAutoConfigurationTests {

	private static final MethodDescriptor<StringValue, StringValue> ECHO = MethodDescriptor
		.<StringValue, StringValue>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("test.v1.Shout/Echo")
		.setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
		.build();

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class,
				ConnectServerGrpcJavaAutoConfiguration.class))
		.withUserConfiguration(ConnectServerAutoConfigurationTests.EchoConfiguration.class);

	@Test
	void grpcJavaServiceBeansAreInTheRegistryAfterTheConnectServicesAndServed() {
		this.runner.withUserConfiguration(ShoutConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(GrpcJavaServices.class);
			assertThat(context.getBean(ConnectServiceRegistry.class).serviceNames())
				.containsExactly("test.v1.EchoService", "test.v1.Shout");
			assertThat(context.getBean(ConnectServiceRegistry.class).services()).containsKey("shout");
			call(context.getBean("connectRouterFunction", RouterFunction.class)).expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("\"HI\"");
		});
	}

	@Test
	void serverInterceptorBeansApplyInSpringOrderTheFirstOutermost() {
		this.runner.withUserConfiguration(ShoutConfiguration.class, InterceptorConfiguration.class)
			.run((context) -> call(context.getBean("connectRouterFunction", RouterFunction.class)).expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("x-order", "first", "second"));
	}

	@Test
	void whenDisabledByPropertyThenGrpcJavaServicesAreNotServed() {
		this.runner.withUserConfiguration(ShoutConfiguration.class)
			.withPropertyValues("connect.server.grpc-java.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(GrpcJavaServices.class);
				assertThat(context.getBean(ConnectServiceRegistry.class).serviceNames())
					.containsExactly("test.v1.EchoService");
			});
	}

	@Test
	void whenGrpcJavaIsAbsentThenTheAutoConfigurationIsSkipped() {
		this.runner.withClassLoader(new FilteredClassLoader(BindableService.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GrpcJavaServices.class));
	}

	@Test
	void whenTheConnectServerIsDisabledThenGrpcJavaServicesAreNotServed() {
		this.runner.withUserConfiguration(ShoutConfiguration.class)
			.withPropertyValues("connect.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcJavaServices.class));
	}

	@Test
	void anApplicationsOwnGrpcJavaServicesReplaceTheAutoConfiguredOnes() {
		this.runner.withUserConfiguration(ShoutConfiguration.class, OwnServicesConfiguration.class)
			.run((context) -> {
				assertThat(context).getBean(GrpcJavaServices.class)
					.isSameAs(context.getBean("ownGrpcJavaServices"));
				assertThat(context.getBean(ConnectServiceRegistry.class).serviceNames())
					.containsExactly("test.v1.EchoService");
			});
	}

	@Test
	void twoContributedServicesWithOneNameFailStartupNamingIt() {
		this.runner.withUserConfiguration(ShoutConfiguration.class, ClashConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("'shout'");
		});
	}

	@Test
	void aGrpcJavaServiceOfAServiceThatAConnectServiceImplementsFailsStartupNamingBoth() {
		this.runner.withBean("grpcEcho", BindableService.class, () -> () -> ServerServiceDefinition
			.builder("test.v1.EchoService")
			.addMethod(ECHO.toBuilder().setFullMethodName("test.v1.EchoService/Echo").build(),
					ServerCalls.asyncUnaryCall((request, responses) -> responses.onCompleted()))
			.build()).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("test.v1.EchoService")
					.hasMessageContaining("'echo'")
					.hasMessageContaining("'grpcEcho'");
			});
	}

	private static WebTestClient.ResponseSpec call(RouterFunction<?> routes) {
		return WebTestClient.bindToRouterFunction(routes)
			.build()
			.post()
			.uri("/test.v1.Shout/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hi\"")
			.exchange();
	}

	/** A grpc-java service that answers its request in capitals. */
	static final class Shout implements BindableService {

		@Override
		public ServerServiceDefinition bindService() {
			return ServerServiceDefinition.builder("test.v1.Shout")
				.addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
					responses.onNext(StringValue.of(request.getValue().toUpperCase()));
					responses.onCompleted();
				}))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ShoutConfiguration {

		@Bean
		Shout shout() {
			return new Shout();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterceptorConfiguration {

		@Bean
		@Order(2)
		ServerInterceptor second() {
			return new OrderHeader("second");
		}

		@Bean
		@Order(1)
		ServerInterceptor first() {
			return new OrderHeader("first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnServicesConfiguration {

		@Bean
		GrpcJavaServices ownGrpcJavaServices() {
			return new GrpcJavaServices(Map.of(), List.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClashConfiguration {

		@Bean
		ConnectServiceContributor clash() {
			return () -> new GrpcJavaServices(Map.of("shout", new Shout()), List.of()).services();
		}

	}

	/** Adds its name to the response header {@code x-order} when its call sends headers. */
	private record OrderHeader(String name) implements ServerInterceptor {

		@Override
		public <Req, Res> ServerCall.Listener<Req> interceptCall(ServerCall<Req, Res> call, Metadata headers,
				ServerCallHandler<Req, Res> next) {
			return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {

				@Override
				public void sendHeaders(Metadata responseHeaders) {
					// Headers pass through the wrappers innermost first: add to the front to record outermost first.
					Metadata ordered = new Metadata();
					ordered.put(Metadata.Key.of("x-order", Metadata.ASCII_STRING_MARSHALLER), OrderHeader.this.name);
					Iterable<String> inner = responseHeaders.removeAll(
							Metadata.Key.of("x-order", Metadata.ASCII_STRING_MARSHALLER));
					if (inner != null) {
						Metadata.Key<String> order = Metadata.Key.of("x-order", Metadata.ASCII_STRING_MARSHALLER);
						inner.forEach((value) -> ordered.put(order, value));
					}
					responseHeaders.merge(ordered);
					super.sendHeaders(responseHeaders);
				}

			}, headers);
		}

	}

}
