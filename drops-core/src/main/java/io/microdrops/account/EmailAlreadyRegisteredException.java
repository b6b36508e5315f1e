package io.microdrops.account;

/**
 * Thrown when someone signs up with an address that has an account already.
 */
public class EmailAlreadyRegisteredException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	EmailAlreadyRegisteredException(EmailAddress email) {
		super("An account exists for " + email);
	}

}
