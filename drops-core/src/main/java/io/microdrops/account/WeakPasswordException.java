package io.microdrops.account;

/**
 * Thrown when a chosen password breaks the {@link PasswordPolicy}; carries the message
 * key that explains which rule.
 */
public class WeakPasswordException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	WeakPasswordException(String messageKey) {
		super("Password refused: " + messageKey);
		this.messageKey = messageKey;
	}

	/**
	 * Returns the key of the message that tells the person what to change.
	 * @return a message key
	 */
	public String messageKey() {
		return this.messageKey;
	}

}
