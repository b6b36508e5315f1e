package io.microdrops.notification;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

	private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30));

	@Test
	void doublesTheWaitAfterEachFailedAttempt() {
		assertThat(this.policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.policy.delayAfter(2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.policy.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.policy.delayAfter(7)).isEqualTo(Duration.ofMinutes(32));
	}

	@Test
	void neverWaitsLongerThanAnHour() {
		assertThat(this.policy.delayAfter(8)).isEqualTo(Duration.ofHours(1));
		assertThat(this.policy.delayAfter(60)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void makesEightAttemptsAtMost() {
		assertThat(this.policy.retriesAfter(7)).isTrue();
		assertThat(this.policy.retriesAfter(8)).isFalse();
	}

}
