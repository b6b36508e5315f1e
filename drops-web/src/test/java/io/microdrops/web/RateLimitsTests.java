package io.microdrops.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The rate limits' settings and their behaviour without a database.
 */
class RateLimitsTests {

	@Test
	void letsAttemptsThroughWhenTheDatabaseCannotBeAsked() {
		Map<RateLimit, RateLimits.Setting> settings = new EnumMap<>(RateLimit.class);
		for (RateLimit limit : RateLimit.values()) {
			settings.put(limit, new RateLimits.Setting(1, Duration.ofMinutes(1)));
		}
		RateLimits limits = new RateLimits(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/nowhere"),
				Clock.fixed(Instant.parse("2026-12-03T18:00:00Z"), ZoneOffset.UTC), true, settings);

		assertThat(limits.take(RateLimit.SIGN_IN_PER_IP, "10.0.0.1")).isEmpty();
		assertThat(limits.take(RateLimit.SIGN_IN_PER_IP, "10.0.0.1")).isEmpty();
	}

	@Test
	void readsEachLimitFromItsSettingsWithTheDefaultsForTheRest() {
		MockEnvironment environment = environment().withProperty("drops.rate-limits.reserve-per-account.capacity", "3")
			.withProperty("drops.rate-limits.reserve-per-account.period", "PT30S");

		Map<RateLimit, RateLimits.Setting> settings = RateLimits.settingsFrom(environment);

		assertThat(settings.get(RateLimit.RESERVE_PER_ACCOUNT))
			.isEqualTo(new RateLimits.Setting(3, Duration.ofSeconds(30), 2));
		assertThat(settings.get(RateLimit.SIGN_IN_PER_EMAIL))
			.isEqualTo(new RateLimits.Setting(10, Duration.ofMinutes(1)));
		assertThat(settings.get(RateLimit.RESERVE_PER_IP).capacity()).isZero();
	}

	@Test
	void refusesToStartWithANegativeCapacityOrAnEmptyPeriod() {
		assertThatIllegalStateException().isThrownBy(() -> RateLimits
			.settingsFrom(environment().withProperty("drops.rate-limits.order-per-account.capacity", "-1")));
		assertThatIllegalStateException().isThrownBy(() -> RateLimits
			.settingsFrom(environment().withProperty("drops.rate-limits.order-per-account.period", "PT0S")));
	}

	/** Settings read as the application reads them (durations such as PT30S or 30s). */
	private static MockEnvironment environment() {
		MockEnvironment environment = new MockEnvironment();
		environment.setConversionService(new ApplicationConversionService());
		return environment;
	}

	@Test
	void roundsTheWaitUpToWholeSecondsAndNeverAnswersZero() {
		assertThat(RateLimits.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
		assertThat(RateLimits.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
		assertThat(RateLimits.retryAfterSeconds(Duration.ofMillis(5_001))).isEqualTo(6);
		assertThat(RateLimits.retryAfterSeconds(Duration.ofSeconds(30))).isEqualTo(30);
	}

}
