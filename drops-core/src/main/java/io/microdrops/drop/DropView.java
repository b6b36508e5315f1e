package io.microdrops.drop;

import java.time.ZoneId;
import java.util.List;

import io.microdrops.catalog.Sku;

/**
 * A drop as it is at one moment: its state, its community, and each item with its SKU and
 * the real number of units still available.
 *
 * @param drop the drop
 * @param state the state at that moment, SOLD_OUT included
 * @param communitySlug the community's slug
 * @param communityName the community's name
 * @param timeZone the community's time zone, to show times in
 * @param items the items in order
 */
public record DropView(Drop drop, DropState state, String communitySlug, String communityName, ZoneId timeZone,
		List<Item> items) {

	/**
	 * One item of the drop.
	 *
	 * @param item the drop item
	 * @param sku its SKU
	 * @param remaining units still available now
	 */
	public record Item(DropItem item, Sku sku, int remaining) {
	}

}
