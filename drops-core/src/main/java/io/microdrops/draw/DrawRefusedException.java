package io.microdrops.draw;

/**
 * A draw refused what was asked: the drop is not a draw, entries are not open, or the
 * settings are out of range. The message key explains it in plain words.
 */
public class DrawRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	/**
	 * Creates the refusal.
	 * @param messageKey the message explaining it
	 */
	public DrawRefusedException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	/**
	 * Returns the message key.
	 * @return the key
	 */
	public String messageKey() {
		return this.messageKey;
	}

}
