package io.connectspring.boot.autoconfigure;

import io.connectspring.client.HttpConnectTransport;

/**
 * Customizes the transport of each client configured under {@code connect.client.<name>}, after its properties have
 * been applied, before it is built. Declare beans of this type; they run in Spring order ({@code @Order},
 * {@code Ordered}) for every client, and can tell clients apart by name.
 */
@FunctionalInterface
public interface ConnectClientTransportCustomizer {

	/**
	 * Customizes the builder of one client's transport.
	 * @param clientName the client's name, the {@code <name>} of {@code connect.client.<name>}
	 * @param builder the builder, configured from the client's properties
	 */
	void customize(String clientName, HttpConnectTransport.Builder builder);

}
