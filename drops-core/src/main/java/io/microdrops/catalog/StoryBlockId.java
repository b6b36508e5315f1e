package io.microdrops.catalog;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies one block of a SKU's story.
 *
 * @param value the id
 */
public record StoryBlockId(UUID value) implements Serializable {

	/**
	 * Reads an id from text such as a path segment.
	 * @param value the text
	 * @return the id
	 * @throws IllegalArgumentException when the text is not a UUID
	 */
	public static StoryBlockId of(String value) {
		return new StoryBlockId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
