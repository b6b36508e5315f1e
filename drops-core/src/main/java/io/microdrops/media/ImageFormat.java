package io.microdrops.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats Drops recognises, by their first bytes (their "magic"), never by a
 * file name or a type the uploader claims.
 */
public enum ImageFormat {

	/** JPEG: starts FF D8 FF. */
	JPEG("image/jpeg", "jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }),

	/** PNG: starts with the 8-byte PNG signature. */
	PNG("image/png", "png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }),

	/** GIF: starts GIF87a or GIF89a. */
	GIF("image/gif", "gif", new byte[] { 'G', 'I', 'F', '8' }),

	/**
	 * WebP: a RIFF container of type WEBP. Recognised so it can be refused with a clear
	 * message: the JDK has no WebP decoder, and an image is only accepted once it
	 * decodes.
	 */
	WEBP("image/webp", "webp", new byte[] { 'R', 'I', 'F', 'F' });

	/** How many leading bytes {@link #detect(byte[])} needs at most. */
	public static final int HEADER_LENGTH = 12;

	private final String contentType;

	private final String imageIoName;

	private final byte[] magic;

	ImageFormat(String contentType, String imageIoName, byte[] magic) {
		this.contentType = contentType;
		this.imageIoName = imageIoName;
		this.magic = magic;
	}

	/**
	 * Returns the MIME type to serve it with.
	 * @return for example {@code image/png}
	 */
	public String contentType() {
		return this.contentType;
	}

	String imageIoName() {
		return this.imageIoName;
	}

	/**
	 * Tells which format some bytes start with.
	 * @param header the first bytes of a file, at least {@link #HEADER_LENGTH} for WebP
	 * @return the format, or empty when the bytes start like none of them
	 */
	public static Optional<ImageFormat> detect(byte[] header) {
		for (ImageFormat format : values()) {
			if (format.matches(header)) {
				return Optional.of(format);
			}
		}
		return Optional.empty();
	}

	private boolean matches(byte[] header) {
		if (header.length < this.magic.length
				|| !Arrays.equals(header, 0, this.magic.length, this.magic, 0, this.magic.length)) {
			return false;
		}
		return switch (this) {
			case GIF -> header.length >= 6 && (header[4] == '7' || header[4] == '9') && header[5] == 'a';
			case WEBP ->
				header.length >= 12 && header[8] == 'W' && header[9] == 'E' && header[10] == 'B' && header[11] == 'P';
			default -> true;
		};
	}

}
