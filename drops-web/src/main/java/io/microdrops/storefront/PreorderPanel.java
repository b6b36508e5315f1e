package io.microdrops.storefront;

import java.util.List;

import io.microdrops.preorder.Preorder;
import io.microdrops.preorder.PreorderProgress;

/**
 * What the drop page shows about a drop's pre-orders: the honest count against the
 * threshold, the deadline in the community's zone, and the signed-in fan's own pre-orders
 * of the drop.
 *
 * @param progress the count and stage, from the database
 * @param deadlineText when pre-orders close, formatted in the community's zone
 * @param zone the community's zone id
 * @param mine the fan's pre-orders of this drop, newest first; empty when signed out
 * @param collecting whether the drop takes pre-orders now
 */
// Public, as are its methods, so the page's expressions may call them.
public record PreorderPanel(PreorderProgress progress, String deadlineText, String zone, List<Preorder> mine,
		boolean collecting) {

	/**
	 * Tells whether the fan may still pre-order another item of the drop.
	 * @param items how many items the drop has
	 * @return {@code true} while collecting and the fan has no open pre-order of every
	 * item
	 */
	public boolean canPreorderMore(int items) {
		return this.collecting && this.mine.stream().filter(preorder -> preorder.status().isOpen()).count() < items;
	}

}
