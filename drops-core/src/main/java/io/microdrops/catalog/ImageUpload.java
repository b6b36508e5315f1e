package io.microdrops.catalog;

/**
 * An image a merchandiser uploads for a story block, with its alt text.
 *
 * @param content the uploaded bytes, checked by content before anything is stored
 * @param altText what the image shows; required
 */
public record ImageUpload(byte[] content, String altText) {
}
