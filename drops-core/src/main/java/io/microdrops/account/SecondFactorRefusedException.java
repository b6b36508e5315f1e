package io.microdrops.account;

/**
 * Thrown when an action that needs the second factor of an account with two-factor
 * sign-in got no code, or a wrong one.
 */
public class SecondFactorRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SecondFactorRefusedException() {
		super("The code from the authenticator app (or a recovery code) is missing or wrong");
	}

}
