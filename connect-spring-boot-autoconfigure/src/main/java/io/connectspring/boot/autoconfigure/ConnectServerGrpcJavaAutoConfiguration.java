package io.connectspring.boot.autoconfigure;

import io.connectspring.server.ConnectServiceRegistry;
import io.connectspring.server.grpcjava.GrpcJavaServices;

import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Serves every grpc-java {@link BindableService} bean next to the {@code @ConnectService} beans, over Connect, gRPC
 * and gRPC-Web, through the {@link ServerInterceptor} beans in Spring order; on when grpc-java ({@code grpc-api} and
 * {@code grpc-protobuf}) is on the class path, unless {@code connect.server.grpc-java.enabled=false}.
 */
@AutoConfiguration(after = ConnectServerAutoConfiguration.class)
@ConditionalOnClass({ BindableService.class, ProtoServiceDescriptorSupplier.class })
@ConditionalOnBean(ConnectServiceRegistry.class)
@ConditionalOnBooleanProperty(name = "connect.server.grpc-java.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConnectServerGrpcJavaProperties.class)
public final class ConnectServerGrpcJavaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GrpcJavaServices connectGrpcJavaServices(ListableBeanFactory beanFactory,
			ObjectProvider<ServerInterceptor> interceptors) {
		return new GrpcJavaServices(beanFactory.getBeansOfType(BindableService.class),
				interceptors.orderedStream().toList());
	}

}
