package io.microdrops.fulfilment;

/**
 * A status change the order's state or the rules do not allow: the order moved on
 * meanwhile, a shipment without tracking number, a cancellation without reason, a wrong
 * or reused pickup code.
 */
public class TransitionRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	private final transient Object[] arguments;

	TransitionRefusedException(String messageKey, Object... arguments) {
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
