package io.microdrops.checkout;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuId;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropClosedEarly;
import io.microdrops.drop.DropItem;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropRevised;
import io.microdrops.drop.DropScheduled;
import io.microdrops.drop.DropUnscheduled;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a claim needs to know about the drop and the SKU a fan names: the drop (its
 * timeline, access mode and hold time) and the drop item (its id and per-fan limit). In a
 * drop's first seconds every fan names the same pair, so it is read from the database
 * once and kept for {@code drops.checkout.claim-target-memory} (one second by default)
 * instead of being loaded by every claim. A drop scheduled, revised, unscheduled or
 * closed early on this node is forgotten as soon as its transaction has ended (on other
 * nodes after that second at most). Drops with pre-orders are not kept: their outcome
 * changes what may be sold.
 */
@Component
class ClaimTargets {

	private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final DropManagement drops;

	private final CatalogManagement catalog;

	private final long memoryNanos;

	ClaimTargets(DropManagement drops, CatalogManagement catalog,
			@Value("${drops.checkout.claim-target-memory:PT1S}") Duration memory) {
		this.drops = drops;
		this.catalog = catalog;
		this.memoryNanos = memory.toNanos();
	}

	/**
	 * Finds the drop and its item for a SKU.
	 * @param dropSlug the drop's slug
	 * @param skuSlug the SKU's slug
	 * @return the drop and the item; empty when either is unknown or the drop does not
	 * offer the SKU
	 */
	Optional<Target> find(String dropSlug, String skuSlug) {
		Key key = new Key(dropSlug, skuSlug);
		Kept found = this.kept.get(key);
		long now = System.nanoTime();
		if (found != null && now - found.at() < this.memoryNanos) {
			return Optional.of(found.target());
		}
		long before = this.generation.get();
		Optional<Target> target = load(dropSlug, skuSlug);
		target.filter(loaded -> loaded.drop().preorderThreshold() == null && this.memoryNanos > 0)
			.ifPresentOrElse(loaded -> {
				this.kept.put(key, new Kept(loaded, now));
				if (this.generation.get() != before) {
					this.kept.remove(key);
				}
			}, () -> this.kept.remove(key));
		return target;
	}

	private Optional<Target> load(String dropSlug, String skuSlug) {
		Optional<Drop> drop = this.drops.find(dropSlug);
		if (drop.isEmpty()) {
			return Optional.empty();
		}
		Optional<SkuId> sku = this.catalog.find(skuSlug).map(Sku::id);
		return sku.flatMap(id -> drop.get().items().stream().filter(item -> item.sku().equals(id)).findFirst())
			.map(item -> new Target(drop.get(), item));
	}

	@EventListener
	void on(DropScheduled event) {
		forgetAfterCommit();
	}

	@EventListener
	void on(DropRevised event) {
		forgetAfterCommit();
	}

	@EventListener
	void on(DropUnscheduled event) {
		forgetAfterCommit();
	}

	@EventListener
	void on(DropClosedEarly event) {
		forgetAfterCommit();
	}

	private void forgetAfterCommit() {
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
		this.kept.clear();
	}

	/**
	 * A drop and one of its items.
	 *
	 * @param drop the drop, as read (not to be changed)
	 * @param item the item
	 */
	record Target(Drop drop, DropItem item) {
	}

	private record Key(String dropSlug, String skuSlug) {
	}

	private record Kept(Target target, long at) {
	}

}
