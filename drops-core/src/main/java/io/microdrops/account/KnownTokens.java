package io.microdrops.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What this node knows about personal API tokens it checked lately, so that a client
 * calling many times a second (or ten thousand fans at a drop's opening, each calling a
 * few times) has its token checked from memory instead of by a query per call.
 * <p>
 * Memory is trusted only while this node hears the database's account changes
 * ({@link AccountChangeFeed}: a token revoked or deleted, an account deactivated, renamed
 * or deleted, a role given or taken, on any node or by hand in SQL). Each such change
 * makes every node forget the account's tokens as soon as PostgreSQL delivers the
 * notification, and the node that made it forgets them at once after its commit. While
 * the feed is down every call reads the database. Even a token heard nothing about is
 * read again after {@code drops.api.token-memory} ({@code PT30S}); {@code PT0S} turns the
 * memory off.
 */
@Component
class KnownTokens {

	/** Most tokens remembered: beyond that the memory starts over. */
	static final int MAX_ENTRIES = 100_000;

	private final Map<String, Known> known = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final long memoryNanos;

	private volatile boolean trusted;

	KnownTokens(@Value("${drops.api.token-memory:PT30S}") Duration memory) {
		this.memoryNanos = memory.toNanos();
	}

	/**
	 * Returns the count of changes heard so far, to pass to
	 * {@link #remember(String, ApiTokenManagement.Bearer, Instant, long)} after reading.
	 * @return the current generation
	 */
	long generation() {
		return this.generation.get();
	}

	/**
	 * Finds a token checked lately.
	 * @param hash the token's SHA-256
	 * @return what was read for it, or {@code null} when it must be read again
	 */
	Known find(String hash) {
		if (!this.trusted) {
			return null;
		}
		Known found = this.known.get(hash);
		if (found != null && System.nanoTime() - found.readAtNanos() >= this.memoryNanos) {
			this.known.remove(hash, found);
			return null;
		}
		return found;
	}

	/**
	 * Remembers a token as read from the database, unless a change was heard since
	 * {@code generation} was taken (the read may predate it).
	 * @param hash the token's SHA-256
	 * @param bearer who it belongs to
	 * @param lastUsedAt when its use was last noted
	 * @param generation {@link #generation()} before the read
	 */
	void remember(String hash, ApiTokenManagement.Bearer bearer, Instant lastUsedAt, long generation) {
		if (!this.trusted || this.memoryNanos <= 0) {
			return;
		}
		if (this.known.size() >= MAX_ENTRIES) {
			this.known.clear();
		}
		Known entry = new Known(bearer, lastUsedAt, System.nanoTime());
		this.known.put(hash, entry);
		if (this.generation.get() != generation) {
			this.known.remove(hash, entry);
		}
	}

	/**
	 * Notes a later use of a remembered token, so it is not noted again within the
	 * minute.
	 * @param hash the token's SHA-256
	 * @param found the entry {@link #find(String)} gave
	 * @param usedAt when it was used
	 */
	void used(String hash, Known found, Instant usedAt) {
		this.known.replace(hash, found, new Known(found.bearer(), usedAt, found.readAtNanos()));
	}

	/**
	 * Forgets every token of an account.
	 * @param account the account whose tokens or person changed
	 */
	void forget(AccountId account) {
		this.generation.incrementAndGet();
		this.known.values().removeIf(entry -> entry.bearer().credentials().id().equals(account));
	}

	/** Forgets every token. */
	void forgetAll() {
		this.generation.incrementAndGet();
		this.known.clear();
	}

	/**
	 * Starts trusting memory: the change feed listens from now on. Anything remembered
	 * before is forgotten, since changes may have been missed meanwhile.
	 */
	void trust() {
		forgetAll();
		this.trusted = true;
	}

	/**
	 * Stops trusting memory: the change feed is down, so every call reads the database.
	 */
	void distrust() {
		this.trusted = false;
		forgetAll();
	}

	boolean trusted() {
		return this.trusted;
	}

	boolean knows(String hash) {
		return this.known.containsKey(hash);
	}

	/**
	 * A token as read.
	 *
	 * @param bearer who it belongs to
	 * @param lastUsedAt when its use was last noted (by this node or in the database)
	 * @param readAtNanos when it was read, on {@link System#nanoTime()}'s scale
	 */
	record Known(ApiTokenManagement.Bearer bearer, Instant lastUsedAt, long readAtNanos) {
	}

}
