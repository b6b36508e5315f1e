package io.microdrops.waitingroom;

/**
 * Thrown when a fan cannot join a drop's waiting room; {@link #messageKey()} says why in
 * words the pages and the API show.
 */
public class WaitingRoomRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	WaitingRoomRefusedException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	/**
	 * Returns the message key of the reason: {@code waitingroom.refused.none} (the drop
	 * has no waiting room), {@code .over} (the drop is over) or {@code .sold-out}.
	 * @return the key
	 */
	public String messageKey() {
		return this.messageKey;
	}

}
