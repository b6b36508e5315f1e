package io.microdrops.waitlist;

/**
 * Thrown when a drop does not take waitlist joins now: not announced yet, closed, or
 * shared out by draw. The message key explains it in plain words.
 */
public class WaitlistRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	/**
	 * Creates the exception.
	 * @param slug the drop
	 * @param messageKey the message explaining the refusal
	 */
	public WaitlistRefusedException(String slug, String messageKey) {
		super("Drop " + slug + " takes no waitlist joins: " + messageKey);
		this.messageKey = messageKey;
	}

	/**
	 * Returns the message explaining the refusal.
	 * @return the key
	 */
	public String messageKey() {
		return this.messageKey;
	}

}
