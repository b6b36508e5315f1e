package io.microdrops.waitingroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The pre-queue's shuffle, free of the database, so that it can be recomputed from the
 * kept seed and the fans who joined before the opening (in the style of the draw's rule):
 * each fan's key is {@code sha256hex(seed + ":" + accountId)} (the account id in its
 * usual lowercase text form, hashed as ASCII); fans are ordered by key ascending, as
 * lowercase hex text, ties by account id text; that order gives places 1, 2, 3… The order
 * does not depend on the order in which fans joined, only on the seed.
 */
public final class QueueShuffle {

	/** The name this rule goes by. */
	public static final String NAME = "sha256-shuffle-v1";

	private QueueShuffle() {
	}

	/**
	 * Returns a fan's key under a seed.
	 * @param seed the seed (64 hex digits)
	 * @param account the fan's account id
	 * @return the key, 64 lowercase hex digits
	 */
	public static String key(String seed, UUID account) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest((seed + ":" + account).getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Orders the fans by the rule: the first gets place 1.
	 * @param seed the seed
	 * @param accounts the fans, in any order
	 * @return the fans in queue order
	 */
	public static List<UUID> order(String seed, List<UUID> accounts) {
		record Keyed(UUID account, String key) {
		}
		return accounts.stream()
			.map(account -> new Keyed(account, key(seed, account)))
			.sorted(Comparator.comparing(Keyed::key).thenComparing(keyed -> keyed.account().toString()))
			.map(Keyed::account)
			.toList();
	}

}
