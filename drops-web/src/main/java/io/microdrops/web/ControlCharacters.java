package io.microdrops.web;

/**
 * Text that no person types: the C0 control characters (NUL, escape, bell, …) other than
 * tab, line feed and carriage return. PostgreSQL cannot store NUL in text at all, and
 * none of them belongs in a name, an address or a story, so input carrying them is
 * refused.
 */
final class ControlCharacters {

	private ControlCharacters() {
	}

	/**
	 * Tells whether some text carries a control character other than tab, line feed and
	 * carriage return.
	 * @param text the text, may be {@code null}
	 * @return {@code true} when it does
	 */
	static boolean in(CharSequence text) {
		if (text == null) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				return true;
			}
		}
		return false;
	}

}
