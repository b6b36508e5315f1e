package io.microdrops.media;

/**
 * One resized copy of an uploaded image, stored like any medium under the hash of its
 * bytes, so its address changes whenever its content does and it may be cached for good.
 *
 * @param id the copy's key, served at {@code /media/{key}}
 * @param format WEBP, JPEG or PNG
 * @param width its width in pixels
 * @param height its height in pixels
 * @param bytes its size in bytes
 */
public record ImageVariant(MediaId id, ImageFormat format, int width, int height, int bytes) {
}
