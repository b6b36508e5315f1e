package io.microdrops.drop;

import io.microdrops.catalog.SkuId;

/**
 * Tells how many units of a drop item are still available, and how many edition numbers
 * of a SKU's run a drop may still take. Checkout provides the real figures from its unit
 * rows; until a drop has them, every unit is available.
 */
public interface DropStock {

	/**
	 * Returns the units of an item nobody holds or bought.
	 * @param item the drop item
	 * @return the remaining units, between 0 and the item's quantity
	 */
	int remaining(DropItem item);

	/**
	 * Counts the edition numbers of a SKU's run a drop may still take: within its edition
	 * size, neither held nor sold in any drop, nor released by another drop that has not
	 * closed. Locks the SKU's numbering until the transaction ends, so that two drops
	 * scheduled at once cannot both count the same numbers.
	 * @param sku the SKU
	 * @param drop the drop asking (its own units do not count)
	 * @return the free numbers, or {@link Integer#MAX_VALUE} for an open run
	 */
	int editionsFree(SkuId sku, DropId drop);

}
