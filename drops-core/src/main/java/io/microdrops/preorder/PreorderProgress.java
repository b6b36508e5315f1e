package io.microdrops.preorder;

import java.time.Instant;

/**
 * A drop's pre-order validation as it stands, counted from the database: the units
 * pre-ordered against the threshold, the deadline, and the stage it is in.
 *
 * @param threshold the units needed
 * @param units the units pre-ordered: open pre-orders while it runs, the count at the
 * deadline once decided
 * @param deadline when pre-orders close
 * @param stage where the validation is
 */
public record PreorderProgress(int threshold, int units, Instant deadline, Stage stage) {

	/**
	 * Tells whether the threshold is reached.
	 * @return {@code true} when enough units are pre-ordered
	 */
	public boolean reached() {
		return this.units >= this.threshold;
	}

	/**
	 * Returns the units still missing.
	 * @return 0 once reached
	 */
	public int missing() {
		return Math.max(0, this.threshold - this.units);
	}

	/**
	 * Returns the progress as a whole percentage, for a progress bar.
	 * @return 0 to 100
	 */
	public int percent() {
		return (int) Math.min(100, (100L * this.units) / this.threshold);
	}

	/**
	 * Where a pre-order validation is.
	 */
	public enum Stage {

		/** Taking pre-orders until the deadline. */
		COLLECTING,

		/** The deadline passed; the count is being decided. */
		COUNTING,

		/** The threshold was reached; pre-orders are becoming orders. */
		CONFIRMING,

		/** Every pre-order is settled; the drop goes ahead. */
		CONFIRMED,

		/** The threshold was missed; every pre-order was voided. */
		VOIDED

	}

}
