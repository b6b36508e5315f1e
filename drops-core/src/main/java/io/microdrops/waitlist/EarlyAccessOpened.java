package io.microdrops.waitlist;

import java.util.List;

import io.microdrops.account.AccountId;
import io.microdrops.drop.DropId;

/**
 * Waitlist members of a drop may start buying: its early access started (or, for a drop
 * without early access, it opened). Published exactly once per drop, by whichever node
 * claimed the invitation first, with every fan on the waitlist at that moment.
 *
 * @param dropId the drop
 * @param dropSlug the drop's slug
 * @param inPositionOrder the fans to invite, first position first
 */
public record EarlyAccessOpened(DropId dropId, String dropSlug, List<Invitee> inPositionOrder) {

	/**
	 * Creates the event.
	 * @param dropId the drop
	 * @param dropSlug the drop's slug
	 * @param inPositionOrder the fans to invite, first position first
	 */
	public EarlyAccessOpened {
		inPositionOrder = List.copyOf(inPositionOrder);
	}

	/**
	 * One fan to invite.
	 *
	 * @param accountId the fan
	 * @param position their position on the waitlist, from 1
	 */
	public record Invitee(AccountId accountId, int position) {
	}

}
