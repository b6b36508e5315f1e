package io.microdrops.media;

import java.util.Optional;

/**
 * Where media bytes live. Content-addressed: a medium's key is the SHA-256 of its bytes,
 * so storing the same bytes twice keeps one copy and a key always names the same bytes
 * (which is what lets them be cached forever). This port stores what it is given; use
 * {@link ImageUploads} to check an upload before it is stored.
 */
public interface MediaStorage {

	/**
	 * Stores bytes, once.
	 * @param bytes the bytes
	 * @return their key
	 * @throws java.io.UncheckedIOException when they cannot be written
	 */
	MediaId store(byte[] bytes);

	/**
	 * Opens a stored medium.
	 * @param id its key
	 * @return the medium, or empty when nothing is stored under the key
	 */
	Optional<MediaContent> open(MediaId id);

	/**
	 * Tells whether something is stored under a key.
	 * @param id the key
	 * @return {@code true} if so
	 */
	boolean exists(MediaId id);

}
