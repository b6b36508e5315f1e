package io.microdrops.fulfilment;

/**
 * An allocation that cannot be saved: more units than released, or less than already sold
 * through a hub.
 */
public class AllocationRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	private final transient Object[] arguments;

	AllocationRefusedException(String messageKey, Object... arguments) {
		super(messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments.clone();
	}

	/**
	 * Returns the reason's message key.
	 * @return the key
	 */
	public String messageKey() {
		return this.messageKey;
	}

	/**
	 * Returns the message's arguments.
	 * @return the arguments
	 */
	public Object[] arguments() {
		return this.arguments.clone();
	}

}
