package io.microdrops.account;

import java.time.Instant;

import io.microdrops.testsupport.MovableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The clock the account tests move: one context for every test class that imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
class AccountClock {

	/** Where the clock starts; a whole 30-second TOTP step. */
	static final Instant START = Instant.parse("2031-03-01T09:00:00Z");

	@Bean
	@Primary
	MovableClock movableClock() {
		return new MovableClock(START);
	}

}
