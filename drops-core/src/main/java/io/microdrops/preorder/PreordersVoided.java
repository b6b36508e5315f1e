package io.microdrops.preorder;

import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.drop.DropId;

/**
 * A drop missed its pre-order threshold at the deadline: every open pre-order was voided,
 * nobody was charged, and the drop closed. Published once per drop.
 *
 * @param drop the drop
 * @param dropSlug its slug
 * @param units the units pre-ordered at the deadline
 * @param threshold the units that were needed, or {@code null} when the drop no longer
 * takes pre-orders
 * @param voided the pre-orders voided, first placed first
 */
public record PreordersVoided(DropId drop, String dropSlug, int units, Integer threshold, List<Voided> voided) {

	/**
	 * Creates the event.
	 * @param drop the drop
	 * @param dropSlug its slug
	 * @param units the units pre-ordered at the deadline
	 * @param threshold the units that were needed, or {@code null}
	 * @param voided the pre-orders voided
	 */
	public PreordersVoided {
		voided = List.copyOf(voided);
	}

	/**
	 * One voided pre-order.
	 *
	 * @param preorder the pre-order
	 * @param fan its fan
	 */
	public record Voided(UUID preorder, AccountId fan) {
	}

}
