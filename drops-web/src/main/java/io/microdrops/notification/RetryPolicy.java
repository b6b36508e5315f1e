package io.microdrops.notification;

import java.time.Duration;

/**
 * When to try a failed mail again: exponential back-off from a first delay, capped at an
 * hour, giving up after {@link #MAX_ATTEMPTS} attempts.
 *
 * @param firstDelay the wait after the first failure
 */
record RetryPolicy(Duration firstDelay) {

	static final int MAX_ATTEMPTS = 8;

	static final Duration LONGEST_DELAY = Duration.ofHours(1);

	/**
	 * Tells whether another attempt follows the given one.
	 * @param attempts attempts made so far
	 * @return {@code true} while attempts are left
	 */
	boolean retriesAfter(int attempts) {
		return attempts < MAX_ATTEMPTS;
	}

	/**
	 * Returns the wait before the next attempt.
	 * @param attempts attempts made so far, at least one
	 * @return the delay, doubling per attempt
	 */
	Duration delayAfter(int attempts) {
		Duration delay = this.firstDelay.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		return (delay.compareTo(LONGEST_DELAY) > 0) ? LONGEST_DELAY : delay;
	}

}
