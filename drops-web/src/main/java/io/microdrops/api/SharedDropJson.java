package io.microdrops.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import io.microdrops.checkout.DropSoldOut;
import io.microdrops.checkout.ReservationExpired;
import io.microdrops.checkout.ReservationPlaced;
import io.microdrops.checkout.ReservationReleased;
import io.microdrops.drop.DropClosedEarly;
import io.microdrops.drop.DropPreordersSettled;
import io.microdrops.drop.DropRevised;
import io.microdrops.drop.DropUnscheduled;
import io.microdrops.waitlist.WaitlistJoined;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A drop's public JSON, which is the same for every caller, kept by this node as the
 * bytes sent for the rest of the current second (never longer than
 * {@code drops.storefront.shared-page-ttl}), like the drop page anonymous visitors share:
 * in a drop's first seconds thousands of fans ask for it, and one read of the database a
 * second answers them all. While one call reads it, the others for the same drop wait for
 * that read. A hold placed, given back or expired, a sell-out or a drop revised,
 * unscheduled or closed early on this node forgets the kept JSON once its transaction has
 * ended; a change on another node shows here within the second.
 * <p>
 * While one call reads a drop again after a hold, a release or an expiry (the stock
 * changed), the others are answered the JSON read before, if it is at most two kept
 * periods old and the drop's timeline has not moved on since (an opening, a close, early
 * access), rather than wait for a database connection the checkout is using: on a drop's
 * opening that is how thousands of fans learn its state within the second. A change of
 * the drop itself (sold out, revised, closed early, unscheduled, pre-orders settled) is
 * never answered from before. When the read others waited for fails, they get its failure
 * rather than each reading for itself.
 */
@Component
class SharedDropJson {

	/** Drops kept at most: made-up slugs must not grow the map without end. */
	private static final int MAX_ENTRIES = 1_000;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/** The JSON last read per drop, answered to others while it is read again. */
	private final Map<String, Kept> lastRead = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	/**
	 * The generation of the last change of a drop itself: reads before it are not kept.
	 */
	private final AtomicLong lastGeneration = new AtomicLong();

	private final ObjectMapper json;

	private final Clock clock;

	private final long ttlNanos;

	SharedDropJson(ObjectMapper json, Clock clock, @Value("${drops.storefront.shared-page-ttl:PT1S}") Duration ttl) {
		this.json = json;
		this.clock = clock;
		this.ttlNanos = ttl.toNanos();
	}

	/**
	 * Returns a drop's JSON as kept for this second, reading it when there is none.
	 * @param slug the drop's slug
	 * @param read reads the drop; empty when it is not public
	 * @return the JSON and its version, or empty when the drop is not public
	 */
	Optional<Json> find(String slug, Function<String, Optional<DropJson>> read) {
		if (this.ttlNanos <= 0) {
			return read.apply(slug).map(this::toJson);
		}
		Instant started = this.clock.instant();
		long second = started.getEpochSecond();
		long now = System.nanoTime();
		long currentGeneration = this.generation.get();
		if (this.entries.size() >= MAX_ENTRIES && !this.entries.containsKey(slug)) {
			this.entries.values().removeIf(kept -> !kept.freshAt(second, now, currentGeneration, this.ttlNanos));
			if (this.entries.size() >= MAX_ENTRIES) {
				return read.apply(slug).map(this::toJson);
			}
		}
		Entry mine = new Entry(second, now, currentGeneration, new CompletableFuture<>());
		Entry found = this.entries.compute(slug, (key,
				kept) -> (kept != null && kept.freshAt(second, now, currentGeneration, this.ttlNanos)) ? kept : mine);
		if (found == mine) {
			Optional<Json> result = Optional.empty();
			try {
				Optional<DropJson> drop = read.apply(slug);
				result = drop.map(this::toJson);
				keep(slug, drop, result, mine, started);
				return result;
			}
			catch (RuntimeException ex) {
				// The JSON read before stays for the others while this failure lasts.
				mine.json().completeExceptionally(ex);
				this.entries.remove(slug, mine);
				throw ex;
			}
			finally {
				mine.json().complete(result);
				if (result.isEmpty() || mine.generation() != this.generation.get()) {
					this.entries.remove(slug, mine);
				}
			}
		}
		if (!found.json().isDone()) {
			Kept kept = this.lastRead.get(slug);
			if (kept != null && kept.servableAt(now, started, this.lastGeneration.get(), this.ttlNanos)) {
				return Optional.of(kept.json());
			}
		}
		try {
			return found.json().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the drop was read", ex);
		}
		catch (ExecutionException ex) {
			// The read others waited for failed (the database busy or away): so does this
			// call, rather than add a read of its own.
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private void keep(String slug, Optional<DropJson> drop, Optional<Json> result, Entry read, Instant started) {
		if (result.isEmpty()) {
			this.lastRead.remove(slug);
			return;
		}
		if (this.lastRead.size() >= MAX_ENTRIES) {
			this.lastRead.clear();
		}
		Kept fresh = new Kept(result.get(), read.bornNanos(), read.generation(), nextChange(drop.get(), started));
		// A read that started earlier never replaces a later one.
		this.lastRead.merge(slug, fresh,
				(kept, candidate) -> (candidate.readAtNanos() - kept.readAtNanos() >= 0) ? candidate : kept);
	}

	/**
	 * The next moment of the drop's timeline after {@code now}: its state changes then.
	 */
	private static Instant nextChange(DropJson drop, Instant now) {
		return Stream.of(drop.announceAt(), drop.earlyAccessAt(), drop.opensAt(), drop.closesAt())
			.filter(moment -> moment != null && moment.isAfter(now))
			.min(Comparator.naturalOrder())
			.orElse(Instant.MAX);
	}

	private Json toJson(DropJson drop) {
		byte[] body = this.json.writeValueAsBytes(drop);
		CRC32 version = new CRC32();
		// The record's text: stable across nodes, unlike hash codes of its enums.
		version.update(drop.toString().getBytes(StandardCharsets.UTF_8));
		// Quoted, as an entity tag is (RFC 9110).
		return new Json(body, "\"" + Long.toHexString(version.getValue()) + "\"");
	}

	@EventListener
	void on(ReservationPlaced event) {
		forgetAfterCommit(true);
	}

	@EventListener
	void on(ReservationReleased event) {
		forgetAfterCommit(true);
	}

	@EventListener
	void on(ReservationExpired event) {
		forgetAfterCommit(true);
	}

	@EventListener
	void on(DropSoldOut event) {
		forgetAfterCommit(false);
	}

	@EventListener
	void on(WaitlistJoined event) {
		forgetAfterCommit(true);
	}

	@EventListener
	void on(DropPreordersSettled event) {
		forgetAfterCommit(false);
	}

	@EventListener
	void on(DropRevised event) {
		forgetAfterCommit(false);
	}

	@EventListener
	void on(DropClosedEarly event) {
		forgetAfterCommit(false);
	}

	@EventListener
	void on(DropUnscheduled event) {
		forgetAfterCommit(false);
	}

	/**
	 * Forgets every kept drop now and, inside a transaction, again once it has ended, so
	 * JSON read meanwhile from the state before the commit is not kept either.
	 * @param stockOnly whether only stock changed: then the JSON read last may still be
	 * answered while it is read again
	 */
	void forgetAfterCommit(boolean stockOnly) {
		forget(stockOnly);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					forget(stockOnly);
				}

			});
		}
	}

	private void forget(boolean stockOnly) {
		long next = this.generation.incrementAndGet();
		if (!stockOnly) {
			this.lastGeneration.set(next);
			this.lastRead.clear();
		}
		this.entries.clear();
	}

	/**
	 * A drop's JSON as sent.
	 *
	 * @param body the bytes
	 * @param etag its version as an entity tag (quoted), the same on every node for the
	 * same content
	 */
	record Json(byte[] body, String etag) {
	}

	/**
	 * The JSON read last, when its read started, in which generation, and until when the
	 * drop's state it shows holds by its timeline.
	 */
	private record Kept(Json json, long readAtNanos, long generation, Instant validUntil) {

		/**
		 * Whether it may answer while the drop is read again: at most two kept periods
		 * old, read after the last change of the drop itself, and before its timeline
		 * moves on (an opening or a close is never answered from before).
		 */
		boolean servableAt(long nanos, Instant now, long lastDropChange, long ttlNanos) {
			return nanos - this.readAtNanos < 2 * ttlNanos && this.generation >= lastDropChange
					&& now.isBefore(this.validUntil);
		}

	}

	private record Entry(long second, long bornNanos, long generation, CompletableFuture<Optional<Json>> json) {

		boolean freshAt(long second, long nanos, long generation, long ttlNanos) {
			return this.second == second && this.generation == generation && nanos - this.bornNanos < ttlNanos;
		}

	}

}
