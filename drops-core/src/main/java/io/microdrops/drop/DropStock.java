package io.microdrops.drop;

/**
 * Tells how many units of a drop item are still available. Checkout provides the real
 * figures from its unit claims; until a drop has claims, every unit is available.
 */
public interface DropStock {

	/**
	 * Returns the units of an item nobody holds or bought.
	 * @param item the drop item
	 * @return the remaining units, between 0 and the item's quantity
	 */
	int remaining(DropItem item);

}
