package io.microdrops.media;

/**
 * An image that passed the checks and is stored.
 *
 * @param id its key
 * @param format its format, read from its content
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record StoredImage(MediaId id, ImageFormat format, int width, int height) {
}
