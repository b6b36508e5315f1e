package io.microdrops.checkout;

import java.util.Arrays;
import java.util.List;

/**
 * A fulfilment choice that cannot be served: an unknown or inactive hub, a hub without
 * allocation or capacity, a full pickup day, an address outside every delivery area. It
 * names the field and a message key, so pages show the message next to the field and the
 * API lists it in its {@code errors}.
 */
public class FulfilmentRefusedException extends CheckoutRefusedException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String messageKey;

	private final transient List<Object> arguments;

	private final boolean conflict;

	/**
	 * Creates a refusal.
	 * @param field the field of the choice: {@code hub}, {@code address},
	 * {@code postcode}, {@code day} or {@code slot}
	 * @param messageKey the message key of the reason
	 * @param conflict {@code true} when the choice was possible a moment ago and another
	 * order took the last of it (a state conflict rather than invalid input)
	 * @param arguments the message's arguments
	 */
	public FulfilmentRefusedException(String field, String messageKey, boolean conflict, Object... arguments) {
		super(Reason.INVALID_FULFILMENT, null, messageKey);
		this.field = field;
		this.messageKey = messageKey;
		this.conflict = conflict;
		this.arguments = Arrays.asList(arguments.clone());
	}

	/**
	 * Returns the field the refusal is about.
	 * @return the field's name within the fulfilment choice
	 */
	public String field() {
		return this.field;
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
		return (this.arguments != null) ? this.arguments.toArray() : new Object[0];
	}

	/**
	 * Tells whether another order took the last capacity meanwhile.
	 * @return {@code true} for a conflict, {@code false} for an invalid choice
	 */
	public boolean isConflict() {
		return this.conflict;
	}

}
