package io.microdrops.draw;

/**
 * What a merchandiser sets for a drop's draw, shown publicly in its rules.
 *
 * @param waitlistWeight tickets for a fan on the "notify me" list of one of the drop's
 * items, 1 to 10
 * @param collectorWeight tickets for a returning collector (a fan with an earlier paid
 * order), 1 to 10; a fan who is both gets the larger
 * @param purchaseWindowMinutes how long a drawn fan's unit is held for them, 5 minutes to
 * a week
 */
public record DrawSettings(int waitlistWeight, int collectorWeight, int purchaseWindowMinutes) {

	/** One ticket each, a day to buy. */
	public static final DrawSettings DEFAULTS = new DrawSettings(1, 1, 1440);

	/**
	 * Checks the ranges.
	 * @throws DrawRefusedException when a number is out of range
	 */
	public DrawSettings {
		if (waitlistWeight < 1 || waitlistWeight > 10 || collectorWeight < 1 || collectorWeight > 10) {
			throw new DrawRefusedException("draw.refused.weight");
		}
		if (purchaseWindowMinutes < 5 || purchaseWindowMinutes > 10080) {
			throw new DrawRefusedException("draw.refused.window");
		}
	}

}
