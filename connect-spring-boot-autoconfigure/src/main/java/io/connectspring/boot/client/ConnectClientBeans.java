package io.connectspring.boot.client;

/**
 * The names of the beans behind {@code connect.client.<name>}: the transport the auto-configuration registers for
 * each client, and the generated clients {@link ImportConnectClients @ImportConnectClients} registers on it. Both
 * also carry the client's name as a {@link org.springframework.beans.factory.annotation.Qualifier @Qualifier}, so
 * {@code @Qualifier("greet") GreetServiceClient client} picks the one built on {@code connect.client.greet}.
 */
public final class ConnectClientBeans {

	/**
	 * The bean definition attribute, on each transport bean the auto-configuration registers, that holds the client's
	 * name.
	 */
	public static final String CLIENT_NAME_ATTRIBUTE = ConnectClientBeans.class.getName() + ".clientName";

	private ConnectClientBeans() {
	}

	/** Returns the name of the transport bean of a client, such as {@code greetConnectTransport} for "greet". */
	public static String transportBeanName(String clientName) {
		return clientName + "ConnectTransport";
	}

	/**
	 * Returns the name of a generated client bean, such as {@code greetGreetServiceClient} for the client "greet" and
	 * the type {@code GreetServiceClient}.
	 */
	public static String clientBeanName(String clientName, Class<?> type) {
		return clientName + type.getSimpleName();
	}

}
