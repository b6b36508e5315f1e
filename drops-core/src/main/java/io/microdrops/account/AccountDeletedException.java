package io.microdrops.account;

/**
 * Thrown when an account was deleted already (for instance by a second click on the
 * deletion button).
 */
public class AccountDeletedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	AccountDeletedException() {
		super("The account was deleted");
	}

}
