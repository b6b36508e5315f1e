package io.microdrops.account;

/**
 * Thrown when a change that needs the current password was asked for with a wrong one.
 */
public class WrongPasswordException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	WrongPasswordException() {
		super("The current password does not match");
	}

}
