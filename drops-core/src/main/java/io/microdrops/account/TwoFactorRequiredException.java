package io.microdrops.account;

/**
 * Thrown when a staff member tries to turn two-factor sign-in off while the shop requires
 * it.
 */
public class TwoFactorRequiredException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	TwoFactorRequiredException() {
		super("The shop requires two-factor sign-in for staff");
	}

}
