package io.connectspring.examples.grpcjava;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The demo with {@code greet.v1.GreetService} served by its grpc-java implementation instead of its Connect one: the
 * same configuration ({@code application.yml}), {@link GrpcJavaGreetService} and {@link GreetVersionInterceptor} as
 * plain beans, and the starter's auto-configuration.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ GrpcJavaGreetService.class, GreetVersionInterceptor.class })
public class GrpcJavaGreetApplication {

}
