package io.connectspring.boot.autoconfigure;

import io.connectspring.server.SecurityContextInterceptor;

import com.google.protobuf.Message;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

/**
 * With Spring Security on the classpath, makes each call's security context visible to blocking service methods.
 * Spring Security's own WebFlux filter chain protects Connect routes like any other; nothing here changes that.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ReactiveSecurityContextHolder.class, Message.class })
@ConditionalOnProperty(prefix = "connect.server", name = "enabled", matchIfMissing = true)
public final class ConnectServerSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecurityContextInterceptor connectSecurityContextInterceptor() {
		return new SecurityContextInterceptor();
	}

}
