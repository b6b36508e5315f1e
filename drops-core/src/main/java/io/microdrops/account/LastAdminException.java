package io.microdrops.account;

/**
 * Thrown when a change would leave Drops without an active admin: the last admin can be
 * neither demoted nor deactivated, so somebody can always manage staff.
 */
public class LastAdminException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	LastAdminException() {
		super("The last active admin keeps the ADMIN role and stays active");
	}

}
