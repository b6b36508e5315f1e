package io.microdrops.catalog;

import io.microdrops.media.MediaId;
import io.microdrops.media.StoredImage;

/**
 * An image in a story: a stored medium, its alt text and its size, so pages can reserve
 * its space before it loads.
 *
 * @param key the medium's key ({@link MediaId}), served at {@code /media/{key}}
 * @param altText what the image shows, for people who cannot see it; never blank
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record StoryImage(String key, String altText, int width, int height) {

	static StoryImage of(StoredImage image, String altText) {
		return new StoryImage(image.id().value(), altText.strip(), image.width(), image.height());
	}

}
