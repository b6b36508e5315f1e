package io.microdrops.account;

/**
 * Thrown when a token cannot be issued: no name, a name too long, or too many active
 * tokens; carries the message key that explains which.
 */
public class ApiTokenRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	ApiTokenRefusedException(String messageKey) {
		super("API token refused: " + messageKey);
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
