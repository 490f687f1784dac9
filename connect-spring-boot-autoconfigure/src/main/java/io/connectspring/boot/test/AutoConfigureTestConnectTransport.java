package io.connectspring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Points every client configured under {@code connect.client.<name>} at the application under test, so that an
 * application's own {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} can inject generated clients (registered
 * with {@link io.connectspring.boot.client.ImportConnectClients @ImportConnectClients}) that call its own services.
 * <p>
 * Each client's {@code base-url} becomes {@code http://localhost:${local.server.port}} followed by
 * {@code connect.server.path-prefix}; its other settings (HTTP version, codec, compression, timeout, interceptors)
 * stay as configured. As the port is known only once the server has started, each transport is created on its first
 * call, and the transport beans are plain {@link io.connectspring.client.ConnectTransport}s. A client with no other
 * setting needs one property to exist, such as {@code connect.client.greet.codec=proto}.
 * <p>
 * Limitations: the server must listen on a port (RANDOM_PORT or DEFINED_PORT) and speak plain HTTP (HTTP/1.1, or
 * h2c with {@code server.http2.enabled=true}); a call made before the server has started fails with
 * {@link IllegalStateException}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(TestConnectTransportAutoConfiguration.class)
public @interface AutoConfigureTestConnectTransport {

}
