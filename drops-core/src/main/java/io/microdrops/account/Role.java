package io.microdrops.account;

/**
 * What an account may do. A person may hold several roles; staff roles are granted by an
 * admin, {@link #FAN} by signing up.
 */
public enum Role {

	/** A shopper: reads stories, joins waitlists, buys. */
	FAN,

	/** Plans communities, SKUs, drops and cadences in the admin area. */
	MERCHANDISER,

	/** Runs local fulfilment at micro-hubs and reads dashboards in the ops area. */
	OPS,

	/** Everything, including staff and settings. */
	ADMIN;

	/**
	 * Tells whether this is a staff role, granted by an admin.
	 * @return {@code true} for every role but {@link #FAN}
	 */
	public boolean isStaff() {
		return this != FAN;
	}

}
