package io.connectspring.internal.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientExchangeTests {

	@Test
	void connectTimeoutIsRoundedUpSoThatTheServerNeverGivesUpFirst() {
		assertThat(ClientExchange.timeoutMillis(Duration.ofMillis(200))).isEqualTo(200);
		assertThat(ClientExchange.timeoutMillis(Duration.ofNanos(199_000_001))).isEqualTo(200);
		assertThat(ClientExchange.timeoutMillis(Duration.ofNanos(1))).isEqualTo(1);
	}

	@Test
	void connectTimeoutStaysWithinTheHeadersTenDigits() {
		assertThat(ClientExchange.timeoutMillis(Duration.ofDays(400))).isEqualTo(9_999_999_999L);
	}

}
