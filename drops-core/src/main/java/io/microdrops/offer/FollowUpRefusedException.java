package io.microdrops.offer;

/**
 * A follow-up offer was refused: a setting out of range or an unknown add-on SKU. The
 * message key explains it in plain words; the field names the form field at fault.
 */
public class FollowUpRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String messageKey;

	/**
	 * Creates the refusal.
	 * @param field the field at fault
	 * @param messageKey the message explaining it
	 */
	public FollowUpRefusedException(String field, String messageKey) {
		super(messageKey);
		this.field = field;
		this.messageKey = messageKey;
	}

	/**
	 * Returns the field at fault.
	 * @return the field's name
	 */
	public String field() {
		return this.field;
	}

	/**
	 * Returns the message key.
	 * @return the key
	 */
	public String messageKey() {
		return this.messageKey;
	}

}
