package io.microdrops.media;

/**
 * Thrown when an upload is not an image Drops accepts; nothing was stored. Carries the
 * message key that tells the person why.
 */
public class ImageRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	ImageRefusedException(String messageKey) {
		super("Image refused: " + messageKey);
		this.messageKey = messageKey;
	}

	/**
	 * Returns why, as a message key: {@code media.image.empty},
	 * {@code media.image.too-large}, {@code media.image.not-an-image},
	 * {@code media.image.webp-unsupported}, {@code media.image.too-many-pixels} or
	 * {@code media.image.unreadable}.
	 * @return the message key
	 */
	public String messageKey() {
		return this.messageKey;
	}

}
