package io.connectspring.boot.autoconfigure;

import io.connectspring.boot.client.ConnectClientBeans;
import io.connectspring.boot.client.ImportConnectClients;
import io.connectspring.client.HttpConnectTransport;

import com.google.protobuf.Message;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import reactor.netty.http.client.HttpClient;

/**
 * Registers one {@link HttpConnectTransport} bean per client configured under {@code connect.client.<name>.*},
 * named by {@link ConnectClientBeans#transportBeanName} and closed when the context closes. A bean the application
 * defines under that name replaces it. {@link ImportConnectClients @ImportConnectClients} builds generated clients on
 * these transports.
 * <p>
 * {@link io.connectspring.ConnectInterceptor} beans apply to every client in Spring order, except those whose bean
 * class or {@code @Bean} method is annotated {@link io.connectspring.InterceptorScope @InterceptorScope} without
 * {@link io.connectspring.CallSide#CLIENT}, and those named in some client's {@code interceptors} list, which apply
 * only to the clients naming them.
 */
@AutoConfiguration
@ConditionalOnClass({ HttpConnectTransport.class, HttpClient.class, Message.class })
@EnableConfigurationProperties(ConnectClientProperties.class)
@Import(ConnectClientTransportsRegistrar.class)
public final class ConnectClientAutoConfiguration {

}
