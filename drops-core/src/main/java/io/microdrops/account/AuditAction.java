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

	/** An admin withdrew a pending invitation before it was accepted. */
	INVITATION_WITHDRAWN,

	/** The first admin was created through the one-time setup link. */
	FIRST_ADMIN_CREATED,

	/** An admin changed an account's staff roles. */
	ROLES_CHANGED,

	/** An admin deactivated an account. */
	DEACTIVATED,

	/** An admin reactivated an account. */
	REACTIVATED,

	/** Someone set a new password through a reset link. */
	PASSWORD_RESET,

	/** Someone changed their password, giving the current one. */
	PASSWORD_CHANGED,

	/** Someone moved their account to a new, confirmed address. */
	EMAIL_CHANGED,

	/** Someone turned two-factor sign-in on. */
	TWO_FACTOR_ENABLED,

	/** Someone turned two-factor sign-in off. */
	TWO_FACTOR_DISABLED,

	/** A sign-in passed its second step with a code (or a recovery code). */
	SECOND_FACTOR_PASSED,

	/** A sign-in's second step got a wrong code. */
	SECOND_FACTOR_FAILED,

	/** An admin changed whether staff must use two-factor sign-in. */
	TWO_FACTOR_POLICY_CHANGED,

	/**
	 * Someone deleted their own account; actor and subject are the tombstone, never the
	 * address it had.
	 */
	ACCOUNT_DELETED

}
