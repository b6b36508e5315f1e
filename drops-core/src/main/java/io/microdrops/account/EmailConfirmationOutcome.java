package io.microdrops.account;

/**
 * What following an e-mail confirmation link did.
 */
public enum EmailConfirmationOutcome {

	/** The address is confirmed now (or was already, by another link). */
	CONFIRMED,

	/** The link has been used before. */
	ALREADY_USED,

	/** The link is older than its lifetime; a new one can be asked for. */
	EXPIRED,

	/** No such link: mistyped, cut off, or made up. */
	UNKNOWN

}
