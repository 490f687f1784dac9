package io.connectspring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the auto-configuration a test of Connect services needs: WebFlux (its handler, codecs and error handling)
 * and the starter's server and client auto-configuration, without the gRPC health and reflection services. The list
 * is {@code META-INF/spring/io.connectspring.boot.test.AutoConfigureConnect.imports}. Most tests should use
 * {@link ConnectTest @ConnectTest}, which applies this.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureConnect {

}
