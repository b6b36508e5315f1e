package io.microdrops.waitingroom;

import io.microdrops.drop.FairnessRules;

/**
 * Thrown when a fan cannot join a drop's waiting room; {@link #messageKey()} says why in
 * words the pages and the API show.
 */
public class WaitingRoomRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	private final FairnessRules.Requirement missedRequirement;

	WaitingRoomRefusedException(String messageKey) {
		this(messageKey, null);
	}

	/**
	 * A fan who misses one of the drop's account requirements: a place in the queue would
	 * only lead to a refused reserve, and would keep a fan who can buy waiting.
	 * @param missed the requirement missed, the first one found
	 */
	WaitingRoomRefusedException(FairnessRules.Requirement missed) {
		this("checkout.refused.ACCOUNT_REQUIREMENT." + missed.name(), missed);
	}

	private WaitingRoomRefusedException(String messageKey, FairnessRules.Requirement missedRequirement) {
		super(messageKey);
		this.messageKey = messageKey;
		this.missedRequirement = missedRequirement;
	}

	/**
	 * Returns the message key of the reason: {@code waitingroom.refused.none} (the drop
	 * has no waiting room), {@code .over} (the drop is over), {@code .sold-out},
	 * {@code .waitlist-only} (a waitlist-only drop, and the fan is not on its list), or
	 * the reserve's own {@code checkout.refused.ACCOUNT_REQUIREMENT.*} for a requirement
	 * missed.
	 * @return the key
	 */
	public String messageKey() {
		return this.messageKey;
	}

	/**
	 * Returns the account requirement the fan misses, when that is the reason.
	 * @return the requirement, or {@code null} for the other reasons
	 */
	public FairnessRules.Requirement missedRequirement() {
		return this.missedRequirement;
	}

}
