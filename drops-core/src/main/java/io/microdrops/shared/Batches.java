package io.microdrops.shared;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Does the same database work for many callers at once with one statement (a read, or a
 * write in one transaction): each caller's key joins the next batch, one worker at a time
 * sends a batch and hands every caller its result. A lone caller's key goes at once,
 * alone; ten thousand fans calling within seconds cost a few hundred statements, not ten
 * thousand, and as many turns at the connection pool.
 *
 * @param <K> the key
 * @param <V> the result for a key
 */
public final class Batches<K, V> {

	private final Function<Set<K>, Map<K, V>> read;

	private final int maxBatch;

	private final Object lock = new Object();

	/** Keys waiting for the next query, each with its callers' answer. */
	private Map<K, CompletableFuture<Optional<V>>> next = new LinkedHashMap<>();

	private boolean reading;

	/**
	 * @param read does the work for a set of keys; a key without a result is left out
	 * @param maxBatch most keys in one batch
	 */
	public Batches(Function<Set<K>, Map<K, V>> read, int maxBatch) {
		this.read = read;
		this.maxBatch = maxBatch;
	}

	/**
	 * Does the work for one key, in the next batch.
	 * @param key the key
	 * @return its result, or empty when there is none
	 * @throws RuntimeException the failure of the batch (the database busy or away), for
	 * every caller in it
	 */
	public Optional<V> find(K key) {
		CompletableFuture<Optional<V>> mine;
		boolean lead;
		synchronized (this.lock) {
			mine = this.next.computeIfAbsent(key, k -> new CompletableFuture<>());
			lead = !this.reading;
			this.reading = true;
		}
		if (lead) {
			// Works on a thread of its own, so the caller who started it is not kept
			// working for callers arriving after it.
			try {
				Thread.ofVirtual().name("batches").start(this::readWhileAsked);
			}
			catch (RuntimeException | Error ex) {
				failAll(ex);
				throw ex;
			}
		}
		try {
			return mine.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private void readWhileAsked() {
		while (true) {
			Map<K, CompletableFuture<Optional<V>>> batch = take();
			if (batch == null) {
				return;
			}
			try {
				Map<K, V> rows = this.read.apply(batch.keySet());
				batch.forEach((key, answer) -> answer.complete(Optional.ofNullable(rows.get(key))));
			}
			catch (Throwable ex) {
				batch.values().forEach(answer -> answer.completeExceptionally(ex));
				if (ex instanceof Error error) {
					// No worker any more: nobody may wait for one.
					failAll(error);
					throw error;
				}
			}
		}
	}

	/** Fails every key waiting and lets the next caller start a worker. */
	private void failAll(Throwable failure) {
		Map<K, CompletableFuture<Optional<V>>> waiting;
		synchronized (this.lock) {
			waiting = this.next;
			this.next = new LinkedHashMap<>();
			this.reading = false;
		}
		waiting.values().forEach(answer -> answer.completeExceptionally(failure));
	}

	/**
	 * The next batch, or {@code null} (and no reader any more) when none is asked for.
	 */
	private Map<K, CompletableFuture<Optional<V>>> take() {
		synchronized (this.lock) {
			if (this.next.isEmpty()) {
				this.reading = false;
				return null;
			}
			if (this.next.size() <= this.maxBatch) {
				Map<K, CompletableFuture<Optional<V>>> batch = this.next;
				this.next = new LinkedHashMap<>();
				return batch;
			}
			Map<K, CompletableFuture<Optional<V>>> batch = new HashMap<>();
			var keys = this.next.entrySet().iterator();
			while (batch.size() < this.maxBatch) {
				var entry = keys.next();
				batch.put(entry.getKey(), entry.getValue());
				keys.remove();
			}
			return batch;
		}
	}

}
