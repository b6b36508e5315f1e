package io.microdrops.checkout;

/**
 * The way a fan came to hold units of a drop, recorded with the hold when the units are
 * claimed (not reconstructed later), for the drop's transparency page.
 */
public enum Channel {

	/** A waitlist member, in the early-access window before the drop opened to all. */
	EARLY_ACCESS,

	/** A waitlist member of a waitlist-only drop, after its opening. */
	WAITLIST,

	/** Anyone, once the drop was open. */
	PUBLIC,

	/** A fan picked by the drop's draw (first places or a unit passed down). */
	DRAW,

	/** A pre-order confirmed when the drop reached its threshold. */
	PREORDER,

	/** A waitlisted fan offered a unit that came back (a no-show, a lapsed hold). */
	SECOND_CHANCE

}
