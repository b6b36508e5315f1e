package io.microdrops.hooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event as hooks send it.
 *
 * @param type e.g. {@code drop.live}
 * @param key what makes it once-only per hook, e.g. {@code drop.live:<drop id>}
 * @param occurredAt when it happened (or, for an announced time, will happen)
 * @param notBefore when to send it at the earliest
 * @param drop the drop it concerns
 * @param order the order, for order events, otherwise {@code null}
 */
record HookEvent(String type, String key, Instant occurredAt, Instant notBefore, DropFacts drop, OrderFacts order) {

	static HookEvent ofDrop(String type, DropFacts drop, Instant occurredAt, Instant notBefore) {
		return new HookEvent(type, type + ":" + drop.id() + ":" + occurredAt.getEpochSecond(), occurredAt, notBefore,
				drop, null);
	}

	boolean isOrderEvent() {
		return this.order != null;
	}

	/**
	 * A drop as hooks describe it.
	 *
	 * @param id the drop's id
	 * @param slug its slug
	 * @param title its title
	 * @param communityId its community
	 * @param communitySlug the community's slug
	 * @param communityName the community's name
	 * @param announceAt when it is announced
	 * @param earlyAccessAt when early access starts, or {@code null}
	 * @param opensAt when it opens
	 * @param closesAt when it closes
	 * @param scheduled whether it is scheduled (not a draft)
	 * @param imageKey the media key of its first item's hero picture, or {@code null}
	 */
	record DropFacts(UUID id, String slug, String title, UUID communityId, String communitySlug, String communityName,
			Instant announceAt, Instant earlyAccessAt, Instant opensAt, Instant closesAt, boolean scheduled,
			String imageKey) {
	}

	/**
	 * An order as hooks describe it: no fan, no address.
	 *
	 * @param id the order's id
	 * @param number its number
	 * @param skuName what was bought
	 * @param editions the editions
	 * @param totalMinor the total in minor units
	 * @param currency the currency
	 * @param returned why it was taken back ({@code no_show}, {@code cancelled}), or
	 * {@code null} while it stands
	 */
	record OrderFacts(UUID id, String number, String skuName, List<Integer> editions, long totalMinor, String currency,
			String returned) {
	}

}
