package io.microdrops.drop;

import java.util.Collection;
import java.util.Map;

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
	 * Counts the edition numbers of SKUs' runs a drop may still take: within each edition
	 * size, neither held nor sold in any drop, nor released by another drop that has not
	 * closed (or closed less than a day ago). Locks the SKUs' numbering until the
	 * transaction ends, so that two drops scheduled at once cannot both count the same
	 * numbers.
	 * @param skus the SKUs
	 * @param drop the drop asking (its own units do not count)
	 * @return the free numbers of each SKU, {@link Integer#MAX_VALUE} for an open run
	 */
	Map<SkuId, Integer> editionsFree(Collection<SkuId> skus, DropId drop);

}
