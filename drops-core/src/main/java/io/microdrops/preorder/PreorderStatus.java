package io.microdrops.preorder;

/**
 * Where a pre-order is in its life.
 */
public enum PreorderStatus {

	/** Placed; waits for the drop's deadline. */
	PENDING,

	/** The drop reached its threshold; this one is being turned into an order. */
	CONFIRMING,

	/** Confirmed: it became an order, with its editions, and was charged. */
	ORDERED,

	/**
	 * Confirmed with its drop, but it could not become an order on its own (the card was
	 * declined, no unit was left); nothing was charged.
	 */
	FAILED,

	/** The drop missed its threshold: nothing was charged. */
	VOIDED,

	/** The fan withdrew it before the deadline. */
	CANCELLED;

	/**
	 * Tells whether the pre-order still counts toward its drop's threshold.
	 * @return {@code true} while pending
	 */
	public boolean isOpen() {
		return this == PENDING || this == CONFIRMING;
	}

}
