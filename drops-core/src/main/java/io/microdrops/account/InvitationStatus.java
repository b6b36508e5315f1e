package io.microdrops.account;

/**
 * The state of a staff invitation link.
 */
public enum InvitationStatus {

	/** Can be accepted now. */
	OPEN,

	/** Used before: each link works once. */
	ACCEPTED,

	/** Older than its lifetime. */
	EXPIRED,

	/** No such link: mistyped, cut off, made up, or replaced by a newer invitation. */
	UNKNOWN

}
