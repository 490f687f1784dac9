package io.connectspring.boot.test;

import io.connectspring.boot.test.sample.UpperClient;
import io.connectspring.client.ConnectTransport;
import io.connectspring.fixtures.EchoClient;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InjectedClientsContextCustomizerFactoryTests {

	private final InjectedClientsContextCustomizerFactory factory = new InjectedClientsContextCustomizerFactory();

	@Test
	void findsClientsInFieldsConstructorsMethodsAndSuperclasses() {
		assertThat(clients(Injecting.class)).isEqualTo(clients(EchoClient.class, UpperClient.class));
	}

	@Test
	void nestedClassesFindTheClientsOfTheirEnclosingClass() {
		assertThat(clients(Outer.Inner.class)).isEqualTo(clients(EchoClient.class, UpperClient.class));
	}

	@Test
	void typesWithoutAPublicTransportConstructorAreNoClients() {
		assertThat(InjectedClientsContextCustomizerFactory.isClient(EchoClient.class)).isTrue();
		assertThat(InjectedClientsContextCustomizerFactory.isClient(String.class)).isFalse();
		assertThat(InjectedClientsContextCustomizerFactory.isClient(ConnectTransport.class)).isFalse();
		assertThat(InjectedClientsContextCustomizerFactory.isClient(InMemoryConnectTransport.class)).isFalse();
		assertThat(InjectedClientsContextCustomizerFactory.isClient(HiddenClient.class)).isFalse();
		assertThat(InjectedClientsContextCustomizerFactory.isClient(int.class)).isFalse();
	}

	@Test
	void classesInjectingTheSameClientsShareTheirContext() {
		assertThat(this.factory.createContextCustomizer(Injecting.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(Outer.Inner.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(String.class, List.of()));
	}

	private Object clients(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	private static Object clients(Class<?>... types) {
		return new InjectedClientsContextCustomizer(new java.util.LinkedHashSet<>(List.of(types)));
	}

	static class Base {

		EchoClient echo;

	}

	static class Injecting extends Base {

		Injecting(UpperClient upper) {
		}

		void test(String notAClient, EchoClient again) {
		}

	}

	static class Outer {

		EchoClient echo;

		@Nested
		class Inner {

			void test(UpperClient upper) {
			}

		}

	}

	public static class HiddenClient {

		HiddenClient(ConnectTransport transport) {
		}

	}

}
