package io.microdrops.draw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The draw's published rule, free of the database, so that anyone can recompute a draw
 * from its published seed and entries ({@code scripts/verify-draw.py} does the same in
 * Python):
 * <ol>
 * <li>{@code commitment = sha256hex(seed)}, where {@code seed} is the published 64-digit
 * hex string (hashed as its ASCII text).</li>
 * <li>An entry of weight {@code w} holds {@code w} tickets; ticket {@code t} (1 to
 * {@code w}) has the key {@code sha256hex(seed + ":" + entryHash + ":" + t)}.</li>
 * <li>An entry's key is the smallest of its tickets' keys. Entries are ordered by key,
 * ascending (as lowercase hex text), ties by entry hash; that order is the draw's order
 * of places 1, 2, 3…</li>
 * <li>For each item of {@code n} units, the entries at places 1 to {@code n} each win one
 * unit; a unit nobody buys in time passes to the next place that has not had one of that
 * item.</li>
 * </ol>
 * This is drawing tickets one by one at random and placing an entry when its first ticket
 * comes up: an entry of weight 2 is twice as likely as one of weight 1 to come first.
 */
public final class DrawAlgorithm {

	/** The name the published draw gives this rule. */
	public static final String NAME = "sha256-tickets-v1";

	private DrawAlgorithm() {
	}

	/**
	 * Returns the commitment to a seed.
	 * @param seed the seed as published (hex text)
	 * @return {@code sha256hex(seed)}
	 */
	public static String commitment(String seed) {
		return sha256(seed);
	}

	/**
	 * Returns an entry's public hash: it names nobody without the salt.
	 * @param salt the entry's random salt
	 * @param account the fan's account id
	 * @return {@code sha256hex(salt + ":" + account)}
	 */
	public static String entryHash(String salt, UUID account) {
		return sha256(salt + ":" + account);
	}

	/**
	 * Returns an entry's key: the smallest key of its tickets.
	 * @param seed the seed
	 * @param entry the entry
	 * @return the key, 64 lowercase hex digits
	 */
	public static String key(String seed, Entry entry) {
		String smallest = null;
		for (int ticket = 1; ticket <= entry.weight(); ticket++) {
			String key = sha256(seed + ":" + entry.hash() + ":" + ticket);
			if (smallest == null || key.compareTo(smallest) < 0) {
				smallest = key;
			}
		}
		return smallest;
	}

	/**
	 * Orders the entries by the rule: the first is place 1.
	 * @param seed the seed
	 * @param entries the entries, in any order
	 * @return the entries in the draw's order
	 */
	public static List<Entry> order(String seed, List<Entry> entries) {
		record Keyed(Entry entry, String key) {
		}
		return entries.stream()
			.map(entry -> new Keyed(entry, key(seed, entry)))
			.sorted(Comparator.comparing(Keyed::key).thenComparing(keyed -> keyed.entry().hash()))
			.map(Keyed::entry)
			.toList();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * One published entry.
	 *
	 * @param hash the entry hash
	 * @param weight how many tickets it holds, 1 to 10
	 */
	public record Entry(String hash, int weight) {

		public Entry {
			if (weight < 1 || weight > 10) {
				throw new IllegalArgumentException("A weight is 1 to 10");
			}
		}

	}

}
