package io.microdrops.recognition;

/**
 * A recognition rule or collector profile was refused; the message key says why.
 */
public class RecognitionRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	/**
	 * Creates the exception.
	 * @param messageKey the message key that explains the refusal
	 */
	public RecognitionRefusedException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	/**
	 * Returns the key of the message that explains the refusal.
	 * @return the key
	 */
	public String messageKey() {
		return this.messageKey;
	}

}
