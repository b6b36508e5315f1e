package io.microdrops.account;

/**
 * What an entry of the account audit log records.
 */
public enum AuditAction {

	/** A password sign-in succeeded. */
	SIGNED_IN,

	/**
	 * A password sign-in failed (wrong password, unknown address, deactivated account).
	 */
	SIGN_IN_FAILED,

	/** An admin invited someone as staff. */
	INVITED,

	/** An invitation was accepted: a new staff account, or roles for an existing one. */
	INVITATION_ACCEPTED,

	/** The first admin was created through the one-time setup link. */
	FIRST_ADMIN_CREATED,

	/** An admin changed an account's staff roles. */
	ROLES_CHANGED,

	/** An admin deactivated an account. */
	DEACTIVATED,

	/** An admin reactivated an account. */
	REACTIVATED

}
