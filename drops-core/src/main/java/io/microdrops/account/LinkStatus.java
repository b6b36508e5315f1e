package io.microdrops.account;

/**
 * Whether a single-use link (password reset, change of address) can still be used.
 */
public enum LinkStatus {

	/** It works. */
	OPEN,

	/** It has been used, or a newer action made it void. */
	USED,

	/** Its time ran out. */
	EXPIRED,

	/** No such link. */
	UNKNOWN

}
