package io.microdrops.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The strength rule for passwords people choose, after NIST SP 800-63B: long enough, not
 * absurdly long, not one of the passwords every attacker tries first, and not the e-mail
 * address itself. No composition rules: they push people to worse passwords.
 */
public final class PasswordPolicy {

	/** Fewest characters accepted. */
	public static final int MIN_LENGTH = 10;

	/** Most characters accepted; bcrypt ignores bytes beyond 72 anyway. */
	public static final int MAX_LENGTH = 72;

	private static final Set<String> COMMON = Set.of("password", "password1", "password12", "password123",
			"password1234", "1234567890", "12345678910", "0123456789", "qwertyuiop", "qwertyuiop1", "1q2w3e4r5t",
			"iloveyou12", "letmein123", "welcome123", "administrator", "abcdefghij", "abc1234567", "changeme12",
			"trustno1234", "passw0rd12", "football12", "baseball12", "superman12", "sunshine12", "1111111111",
			"aaaaaaaaaa", "qazwsxedcr", "zaq12wsxcde");

	private PasswordPolicy() {
	}

	/**
	 * Checks a password someone chose.
	 * @param password the password as typed
	 * @param email the address of the account it is for, or {@code null}
	 * @return the message key of the first broken rule, empty when the password is fine
	 */
	public static Optional<String> problemWith(String password, String email) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return Optional.of("password.too-short");
		}
		if (password.length() > MAX_LENGTH) {
			return Optional.of("password.too-long");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (COMMON.contains(lower) || lower.chars().distinct().count() < 4) {
			return Optional.of("password.too-common");
		}
		if (email != null && !email.isBlank()) {
			String canonical = email.strip().toLowerCase(Locale.ROOT);
			String localPart = canonical.contains("@") ? canonical.substring(0, canonical.indexOf('@')) : canonical;
			if (lower.equals(canonical) || (localPart.length() >= 4 && lower.contains(localPart))) {
				return Optional.of("password.contains-email");
			}
		}
		return Optional.empty();
	}

}
