package io.microdrops.catalog;

import java.util.List;

/**
 * A SKU's story: its blocks in the order fans read them.
 *
 * @param sku the SKU
 * @param blocks the blocks, first to last
 */
public record Story(SkuId sku, List<StoryBlock> blocks) {

	/**
	 * Creates a story.
	 * @param sku the SKU
	 * @param blocks the blocks, first to last
	 */
	public Story {
		blocks = List.copyOf(blocks);
	}

	/**
	 * Returns how many blocks it has.
	 * @return the count
	 */
	public int size() {
		return this.blocks.size();
	}

}
