package io.microdrops.web;

import java.time.Duration;

/**
 * The rate limits, each a token bucket of {@code capacity} attempts refilled evenly over
 * {@code period}, set as {@code drops.rate-limits.<name>.capacity} and
 * {@code drops.rate-limits.<name>.period}; a capacity of {@code 0} turns that limit off.
 * The defaults suit communities of a few hundred to a thousand fans: a fan never meets
 * them by using the shop, a script guessing passwords or reserving in a loop does.
 */
enum RateLimit {

	/** Sign-in attempts from one address, whatever the e-mail. */
	SIGN_IN_PER_IP("sign-in-per-ip", 60, Duration.ofMinutes(1)),

	/** Sign-in attempts for one e-mail address, from anywhere. */
	SIGN_IN_PER_EMAIL("sign-in-per-email", 10, Duration.ofMinutes(1)),

	/** Sign-ups from one address. */
	SIGN_UP_PER_IP("sign-up-per-ip", 10, Duration.ofHours(1)),

	/** Waitlist joins by one account. */
	WAITLIST_PER_ACCOUNT("waitlist-per-account", 10, Duration.ofMinutes(1)),

	/**
	 * Waitlist joins by signed-in callers from one address; off by default, as a venue's
	 * or a campus's fans share one address and each account is limited already.
	 */
	WAITLIST_PER_IP("waitlist-per-ip", 0, Duration.ofMinutes(1)),

	/**
	 * Reservations asked for by one account. Each node lets an account's first two
	 * attempts of a period through on its own, so the drop-day rush (one reserve a fan, a
	 * double click at most) costs the database nothing extra; a script retrying in a loop
	 * meets the shared bucket from its third attempt.
	 */
	RESERVE_PER_ACCOUNT("reserve-per-account", 10, Duration.ofSeconds(10), 2),

	/** Reservations asked for by signed-in callers from one address; off by default. */
	RESERVE_PER_IP("reserve-per-ip", 0, Duration.ofSeconds(10)),

	/** Orders (payments) tried by one account. */
	ORDER_PER_ACCOUNT("order-per-account", 10, Duration.ofMinutes(1)),

	/** Orders tried by signed-in callers from one address; off by default. */
	ORDER_PER_IP("order-per-ip", 0, Duration.ofMinutes(1));

	private final String property;

	private final int defaultCapacity;

	private final Duration defaultPeriod;

	private final int defaultNodeAllowance;

	RateLimit(String property, int defaultCapacity, Duration defaultPeriod) {
		this(property, defaultCapacity, defaultPeriod, 0);
	}

	RateLimit(String property, int defaultCapacity, Duration defaultPeriod, int defaultNodeAllowance) {
		this.property = property;
		this.defaultCapacity = defaultCapacity;
		this.defaultPeriod = defaultPeriod;
		this.defaultNodeAllowance = defaultNodeAllowance;
	}

	String property() {
		return this.property;
	}

	int defaultCapacity() {
		return this.defaultCapacity;
	}

	Duration defaultPeriod() {
		return this.defaultPeriod;
	}

	int defaultNodeAllowance() {
		return this.defaultNodeAllowance;
	}

}
