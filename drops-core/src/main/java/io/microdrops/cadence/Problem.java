package io.microdrops.cadence;

/**
 * One broken rule of a cadence, as a message key with the field it concerns.
 *
 * @param field the field, in the names the admin form uses (for example
 * {@code items[1].quantity}), or {@code null} for the cadence as a whole
 * @param messageKey the message explaining it
 * @param arguments the message's arguments
 */
public record Problem(String field, String messageKey, Object... arguments) {

	@Override
	public String toString() {
		return (this.field != null) ? this.field + ": " + this.messageKey : this.messageKey;
	}

}
