package io.microdrops.fulfilment;

import java.util.List;
import java.util.UUID;

/**
 * How a drop's units are split between hubs and shipping, item by item.
 *
 * @param dropSlug the drop
 * @param dropTitle its title
 * @param packingNote the merchandiser's note printed on every packing slip, or
 * {@code null}
 * @param items one entry per drop item, in the drop's order
 */
public record DropAllocation(String dropSlug, String dropTitle, String packingNote, List<Item> items) {

	/**
	 * One drop item's split.
	 *
	 * @param dropItem the drop item's id
	 * @param skuName the SKU's name
	 * @param quantity units released
	 * @param shared {@code true} when not split: every hub and shipping draw from all
	 * units
	 * @param hubs per active hub (and any hub with units), its share
	 * @param shippingUnits units left for shipping when split: the quantity less the
	 * hubs' units
	 * @param shippingTaken shipping units sold
	 */
	public record Item(UUID dropItem, String skuName, int quantity, boolean shared, List<Share> hubs, int shippingUnits,
			int shippingTaken) {

		/**
		 * Returns one hub's share.
		 * @param hub the hub's slug
		 * @return its share, or {@code null}
		 */
		public Share share(String hub) {
			return this.hubs.stream().filter(share -> share.hubSlug().equals(hub)).findFirst().orElse(null);
		}

	}

	/**
	 * A hub's share of one item.
	 *
	 * @param hub the hub's id
	 * @param hubSlug its slug
	 * @param hubName its name
	 * @param units units set aside for it (0 when split and it has none)
	 * @param taken units sold through it
	 */
	public record Share(UUID hub, String hubSlug, String hubName, int units, int taken) {

		/**
		 * Returns what is left.
		 * @return units less taken
		 */
		public int left() {
			return this.units - this.taken;
		}

	}

}
