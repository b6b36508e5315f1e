package io.microdrops.shared;

import java.util.regex.Pattern;

/**
 * The rule for slugs, the names things have in addresses
 * ({@code /drops/brass-keycaps-3}): lower-case letters and digits in words joined by
 * single hyphens, 2 to 60 characters.
 */
public final class Slug {

	/** The longest slug accepted. */
	public static final int MAX_LENGTH = 60;

	/** The shape of a slug, also usable in {@code @Pattern}. */
	public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";

	private static final Pattern SHAPE = Pattern.compile(PATTERN);

	private Slug() {
	}

	/**
	 * Tells whether a text is a valid slug.
	 * @param value the text
	 * @return {@code true} if valid
	 */
	public static boolean isValid(String value) {
		return value != null && value.length() >= 2 && value.length() <= MAX_LENGTH && SHAPE.matcher(value).matches();
	}

	/**
	 * Returns the slug or refuses it.
	 * @param value the text
	 * @return the same text
	 * @throws IllegalArgumentException when it is not a valid slug
	 */
	public static String require(String value) {
		if (!isValid(value)) {
			throw new IllegalArgumentException("Not a slug: " + value);
		}
		return value;
	}

}
