package io.microdrops.drop;

/**
 * A drop's waiting room as its merchandiser sets it: on or off, and the admission rate.
 *
 * @param on whether fans queue before they may reserve
 * @param fansPerMinute how many queued fans are admitted per minute (1–100,000), or
 * {@code null} for automatic admission from the units free and the admissions still open
 */
public record WaitingRoomSettings(boolean on, Integer fansPerMinute) {

	/** No waiting room. */
	public static final WaitingRoomSettings OFF = new WaitingRoomSettings(false, null);

	/** The highest admission rate a merchandiser may set. */
	public static final int MAX_FANS_PER_MINUTE = 100_000;

	/**
	 * Tells whether admission follows the checkout's capacity rather than a set rate.
	 * @return {@code true} without a rate
	 */
	public boolean automatic() {
		return this.fansPerMinute == null;
	}

}
