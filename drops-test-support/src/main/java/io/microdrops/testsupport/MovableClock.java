package io.microdrops.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests set and move.
 */
public final class MovableClock extends Clock {

	private volatile Instant now;

	/**
	 * Creates a clock standing at a moment.
	 * @param now the moment
	 */
	public MovableClock(Instant now) {
		this.now = now;
	}

	/**
	 * Moves the clock to a moment.
	 * @param now the moment
	 */
	public void set(Instant now) {
		this.now = now;
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(this.now, zone);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
