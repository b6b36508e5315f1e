package io.microdrops.account;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address in its canonical form: trimmed and lower-cased, so that one person
 * cannot hold two accounts by changing the case of their address.
 *
 * @param value the canonical address
 */
public record EmailAddress(String value) {

	/** A pragmatic shape check; the confirmation mail is the real test of an address. */
	private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

	/** The longest address accepted (RFC 5321 path limit). */
	public static final int MAX_LENGTH = 254;

	/**
	 * Creates a canonical address.
	 * @param value the address as typed
	 * @throws IllegalArgumentException when the value is not shaped like an e-mail
	 * address
	 */
	public EmailAddress {
		if (value == null) {
			throw new IllegalArgumentException("An e-mail address is required");
		}
		value = value.strip().toLowerCase(Locale.ROOT);
		if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("Not an e-mail address: " + value);
		}
	}

	/**
	 * Tells whether the text is shaped like an e-mail address.
	 * @param value the text
	 * @return {@code true} if {@link #EmailAddress(String)} would accept it
	 */
	public static boolean isValid(String value) {
		if (value == null) {
			return false;
		}
		String canonical = value.strip().toLowerCase(Locale.ROOT);
		return canonical.length() <= MAX_LENGTH && SHAPE.matcher(canonical).matches();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
