package io.connectspring.boot.test.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application for the tests of {@code @ConnectTest}: two services, an interceptor, exception advice, and
 * components the slice must leave out.
 */
@SpringBootApplication
public class SampleApplication {

}
