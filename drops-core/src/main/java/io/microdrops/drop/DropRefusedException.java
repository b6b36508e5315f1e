package io.microdrops.drop;

import java.io.Serializable;
import java.util.List;

/**
 * Thrown when a drop change breaks a rule: an incomplete draft scheduled, a drop
 * unscheduled after it opened, the fatigue guard. Carries the message keys that tell the
 * merchandiser what to change, each with the field it concerns (or {@code null} for the
 * drop as a whole).
 */
public class DropRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Reason> reasons;

	DropRefusedException(List<Reason> reasons) {
		super("Drop change refused: " + reasons);
		this.reasons = List.copyOf(reasons);
	}

	DropRefusedException(String messageKey, Object... arguments) {
		this(List.of(new Reason(null, messageKey, arguments)));
	}

	/**
	 * Returns why the change was refused.
	 * @return one or more reasons
	 */
	public List<Reason> reasons() {
		return this.reasons;
	}

	/**
	 * One reason; serializable, so pages can carry it across a redirect in the
	 * database-backed session.
	 *
	 * @param field the field it concerns, or {@code null}
	 * @param messageKey the message key
	 * @param arguments the message's arguments
	 */
	public record Reason(String field, String messageKey, Object... arguments) implements Serializable {

		@Override
		public String toString() {
			return this.messageKey;
		}

	}

}
