package io.microdrops.media;

import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names one stored medium: the lower-case hex SHA-256 of its bytes. Because the key is a
 * hash and nothing else, it can never name a path outside the store.
 *
 * @param value 64 lower-case hex digits
 */
public record MediaId(String value) implements Serializable {

	private static final Pattern SHAPE = Pattern.compile("^[0-9a-f]{64}$");

	/**
	 * Creates an id.
	 * @param value 64 lower-case hex digits
	 * @throws IllegalArgumentException when the value is not such a hash
	 */
	public MediaId {
		if (!isValid(value)) {
			throw new IllegalArgumentException("Not a media key");
		}
	}

	/**
	 * Reads an id from text such as a path segment.
	 * @param value the text
	 * @return the id, or empty when the text is not a valid key
	 */
	public static Optional<MediaId> parse(String value) {
		return isValid(value) ? Optional.of(new MediaId(value)) : Optional.empty();
	}

	private static boolean isValid(String value) {
		return value != null && SHAPE.matcher(value).matches();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
