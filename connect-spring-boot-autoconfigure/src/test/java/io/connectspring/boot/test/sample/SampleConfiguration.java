package io.connectspring.boot.test.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Configuration a Connect test slice leaves out. */
@Configuration(proxyBeanMethods = false)
public class SampleConfiguration {

	@Bean
	String sampleGreeting() {
		return "configured";
	}

}
