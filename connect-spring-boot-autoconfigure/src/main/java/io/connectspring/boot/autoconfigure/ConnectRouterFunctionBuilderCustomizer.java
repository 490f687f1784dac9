package io.connectspring.boot.autoconfigure;

import io.connectspring.server.ConnectRouterFunctionBuilder;

/**
 * Customizes the {@link ConnectRouterFunctionBuilder} of the auto-configured Connect routes, after
 * {@code connect.server.*} has been applied and the {@code @ConnectService} beans added, before the routes are
 * built. Declare beans of this type; they run in Spring order ({@code @Order}, {@code Ordered}).
 */
@FunctionalInterface
public interface ConnectRouterFunctionBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, configured from {@code connect.server.*}
	 */
	void customize(ConnectRouterFunctionBuilder builder);

}
