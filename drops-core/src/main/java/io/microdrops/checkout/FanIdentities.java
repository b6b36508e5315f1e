package io.microdrops.checkout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Turns what identifies a buyer beyond their account (the card's fingerprint, the
 * delivery address) into keyed hashes: HMAC-SHA256 under
 * {@code drops.fairness.identity-secret}, or else under a random key generated once and
 * kept in the database, so every node hashes alike. Only the hashes are stored; nobody
 * can read an address or a card back from them, or test guesses without the key.
 */
@Component
class FanIdentities {

	private static final String SECRET_NAME = "identity-hmac";

	/** Words written in several ways in addresses, each to one spelling. */
	private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("street", "st"),
			Map.entry("str", "st"), Map.entry("strasse", "st"), Map.entry("road", "rd"), Map.entry("avenue", "ave"),
			Map.entry("av", "ave"), Map.entry("lane", "ln"), Map.entry("drive", "dr"), Map.entry("place", "pl"),
			Map.entry("square", "sq"), Map.entry("court", "ct"), Map.entry("boulevard", "blvd"),
			Map.entry("apartment", "apt"), Map.entry("flat", "apt"), Map.entry("number", "no"));

	private final JdbcClient jdbc;

	private final String configuredSecret;

	private volatile byte[] key;

	FanIdentities(JdbcClient jdbc, @Value("${drops.fairness.identity-secret:}") String configuredSecret) {
		this.jdbc = jdbc;
		this.configuredSecret = configuredSecret;
	}

	/**
	 * Hashes a card's fingerprint, as the payment provider gives it.
	 * @param fingerprint the provider's fingerprint of the card
	 * @return 64 hex characters
	 */
	String card(String fingerprint) {
		return hash("card:" + fingerprint);
	}

	/**
	 * Hashes a delivery address after {@link #normaliseAddress(String) normalising} it.
	 * @param address the address as the fan typed it
	 * @return 64 hex characters
	 */
	String address(String address) {
		return hash("address:" + normaliseAddress(address));
	}

	/**
	 * Brings the ways one address may be typed to one form: letters without accents in
	 * lower case, punctuation and runs of white space as one space, common words of
	 * addresses abbreviated ("Street" and "St." alike), a house number and its letter
	 * together ("12 b" as "12b").
	 * @param address the address as typed
	 * @return the normalised address
	 */
	static String normaliseAddress(String address) {
		String plain = Normalizer.normalize(address, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replace("ß", "ss");
		String[] words = plain.replaceAll("[^\\p{L}\\p{N}]+", " ").strip().split(" ");
		StringBuilder normal = new StringBuilder();
		for (String word : words) {
			if (word.isEmpty()) {
				continue;
			}
			String spelled = ABBREVIATIONS.getOrDefault(word, word);
			boolean letterAfterNumber = spelled.length() == 1 && Character.isLetter(spelled.charAt(0))
					&& !normal.isEmpty() && Character.isDigit(normal.charAt(normal.length() - 1));
			if (!normal.isEmpty() && !letterAfterNumber) {
				normal.append(' ');
			}
			normal.append(spelled);
		}
		return normal.toString();
	}

	private String hash(String value) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return HexFormat.of().formatHex(hmac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JDK has HmacSHA256", ex);
		}
	}

	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			current = StringUtils.hasText(this.configuredSecret)
					? this.configuredSecret.getBytes(StandardCharsets.UTF_8) : sharedKey();
			this.key = current;
		}
		return current;
	}

	private byte[] sharedKey() {
		byte[] candidate = new byte[32];
		new SecureRandom().nextBytes(candidate);
		// The first node to get here stores its key; every other node reads that one.
		this.jdbc
			.sql("insert into identity_secrets (name, secret) values (:name, :secret) on conflict (name) do nothing")
			.param("name", SECRET_NAME)
			.param("secret", candidate)
			.update();
		return this.jdbc.sql("select secret from identity_secrets where name = :name")
			.param("name", SECRET_NAME)
			.query(byte[].class)
			.single();
	}

}
