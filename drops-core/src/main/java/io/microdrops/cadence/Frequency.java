package io.microdrops.cadence;

/**
 * How often a cadence repeats.
 */
public enum Frequency {

	/** Every N weeks, on one or more weekdays. */
	WEEKLY,

	/** Every N months, on the n-th (or last) given weekday of the month. */
	MONTHLY

}
