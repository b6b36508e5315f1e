package io.microdrops.shared;

/**
 * Small rules for text people type into optional fields.
 */
public final class Texts {

	private Texts() {
	}

	/**
	 * Normalises an optional text: trimmed, and {@code null} when nothing is left.
	 * @param value the text as typed, or {@code null}
	 * @return the trimmed text, or {@code null} for blank input
	 */
	public static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
