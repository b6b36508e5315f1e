package io.microdrops.catalog;

/**
 * One block of a SKU's story, as read.
 *
 * @param id the block's id
 * @param content what it holds
 */
public record StoryBlock(StoryBlockId id, StoryBlockContent content) {

	/**
	 * Returns the kind of block.
	 * @return the kind
	 */
	public StoryBlockKind kind() {
		return this.content.kind();
	}

}
