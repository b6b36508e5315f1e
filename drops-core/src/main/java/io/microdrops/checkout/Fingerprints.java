package io.microdrops.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fingerprints of requests, to tell a retry from a different request under the same
 * idempotency key: SHA-256 in hex, 64 characters whatever the request's length, and
 * nothing readable (card numbers go into the order's fingerprint).
 */
final class Fingerprints {

	private Fingerprints() {
	}

	static String of(Object... parts) {
		StringBuilder text = new StringBuilder();
		for (Object part : parts) {
			// Each part led by its length: ("a|b", "c") and ("a", "b|c") stay apart.
			String value = String.valueOf(part);
			text.append(value.length()).append(':').append(value).append('|');
		}
		try {
			return HexFormat.of()
				.formatHex(
						MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
