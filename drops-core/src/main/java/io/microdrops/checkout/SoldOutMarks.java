package io.microdrops.checkout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What this node learnt about drop items without a free unit, so that a storm of fans
 * asking a sold-out drop is answered without reading the drop, the SKU or the units
 * again. A mark is set when a claim found no free unit, and trusted for at most
 * {@code drops.checkout.sold-out-memory} (one second by default), after which the next
 * request asks the database again: a unit given back on another node is buyable here
 * after that long at most. A unit given back on this node (a hold released or expired)
 * clears every mark as soon as its transaction has ended, and a claim that looked before
 * that moment leaves no mark behind.
 */
@Component
class SoldOutMarks {

	private final Map<Item, Long> marks = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final long memoryNanos;

	SoldOutMarks(@Value("${drops.checkout.sold-out-memory:PT1S}") Duration memory) {
		this.memoryNanos = memory.toNanos();
	}

	/**
	 * Returns the count of units given back so far, to pass to
	 * {@link #mark(String, String, long)} after looking.
	 * @return the current generation
	 */
	long generation() {
		return this.generation.get();
	}

	/**
	 * Notes that a drop item had no free unit, unless a unit came back since
	 * {@code generation} was read.
	 * @param drop the drop's slug as the request named it
	 * @param sku the SKU's slug as the request named it
	 * @param generation {@link #generation()} before the look
	 */
	void mark(String drop, String sku, long generation) {
		if (this.memoryNanos <= 0) {
			return;
		}
		Item item = new Item(drop, sku);
		this.marks.put(item, System.nanoTime());
		if (this.generation.get() != generation) {
			this.marks.remove(item);
		}
	}

	/**
	 * Notes that no unit of a whole drop was free, unless a unit came back since
	 * {@code generation} was read.
	 * @param drop the drop's slug
	 * @param generation {@link #generation()} before the look
	 */
	void markDrop(String drop, long generation) {
		mark(drop, null, generation);
	}

	/**
	 * Tells whether this node knows, from the last second, that no unit of the drop is
	 * free.
	 * @param drop the drop's slug
	 * @return {@code true} when sold out as far as this node knows
	 */
	boolean dropSoldOut(String drop) {
		return soldOut(drop, null);
	}

	/**
	 * Tells whether this node knows, from the last second, that the item has no free
	 * unit.
	 * @param drop the drop's slug
	 * @param sku the SKU's slug
	 * @return {@code true} when sold out as far as this node knows
	 */
	boolean soldOut(String drop, String sku) {
		Long at = this.marks.get(new Item(drop, sku));
		if (at == null) {
			return false;
		}
		if (System.nanoTime() - at >= this.memoryNanos) {
			this.marks.remove(new Item(drop, sku), at);
			return false;
		}
		return true;
	}

	/**
	 * Units come back: forgets every mark once the current transaction has ended (at once
	 * outside one).
	 */
	void unitsComeBack() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					forget();
				}

			});
		}
		forget();
	}

	private void forget() {
		this.generation.incrementAndGet();
		this.marks.clear();
	}

	/**
	 * A drop item by the slugs a request names; a {@code null} SKU stands for the whole
	 * drop.
	 */
	private record Item(String drop, String sku) {
	}

}
