package io.microdrops.checkout;

import java.util.Locale;

/**
 * Why a fan's attempt at a drop was refused, as counted for the drop's transparency page.
 * The {@link #code() code} is what is stored and published.
 */
public enum RefusalReason {

	/** No unit was left. */
	SOLD_OUT,

	/** Some units were left, fewer than the fan asked for. */
	NOT_ENOUGH_LEFT,

	/** The fan would hold or own more than the per-fan limit. */
	OVER_LIMIT,

	/** The drop was not open to this fan yet (early access, waitlist only, draw). */
	NOT_OPEN,

	/** Another account sharing a payment card, address or pickup identity hit the cap. */
	IDENTITY_CAP,

	/** The account did not meet the drop's requirements (age, confirmed address). */
	ACCOUNT_REQUIREMENT,

	/** Too many attempts from one account or address in a short time. */
	RATE_LIMITED,

	/** No valid admission from the drop's waiting room. */
	NO_ADMISSION,

	/** The drop was over (its sales had closed, on time or early). */
	DROP_CLOSED;

	/**
	 * Returns the reason as stored and published: lower case with hyphens, e.g.
	 * {@code over-limit}.
	 * @return the code
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
