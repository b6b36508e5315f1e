package io.microdrops.drop;

/**
 * Who may buy a drop's units, and how they are shared out.
 */
public enum AccessMode {

	/** Anyone may buy once it opens; waitlist members may buy from early access. */
	FIRST_COME,

	/** Only waitlist members may ever buy. */
	WAITLIST_ONLY,

	/** Fans enter; a verifiable draw picks who may buy. */
	DRAW

}
