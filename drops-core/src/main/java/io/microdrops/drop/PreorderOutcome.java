package io.microdrops.drop;

/**
 * How a drop's pre-order validation ended. All or nothing: either every pre-order became
 * an order (or failed on its own payment) and sales may start, or every pre-order was
 * voided and the drop does not go ahead.
 */
public enum PreorderOutcome {

	/** The threshold was reached and every pre-order is settled; sales may start. */
	CONFIRMED,

	/** The threshold was missed: nobody is charged and the drop closed. */
	VOIDED

}
