package io.microdrops.recognition;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What recognition rules read: a community's drops in the order they opened, which of
 * them the fan collected, and when the fan joined the community.
 *
 * @param drops the community's scheduled drops, in any order
 * @param collected the ids of the drops the fan bought from (refunded orders left out)
 * @param joinedAt when the fan joined the community, or {@code null} if not a member
 */
public record CollectorHistory(List<PastDrop> drops, Set<UUID> collected, Instant joinedAt) {

	/**
	 * Creates a history, ordering the drops by their opening.
	 * @param drops the community's drops
	 * @param collected the drops the fan bought from
	 * @param joinedAt when the fan joined, or {@code null}
	 */
	public CollectorHistory {
		drops = drops.stream().sorted(Comparator.comparing(PastDrop::opensAt).thenComparing(PastDrop::id)).toList();
		collected = Set.copyOf(collected);
	}

	/**
	 * Returns how many of the community's drops the fan collected.
	 * @return the count
	 */
	public int collectedCount() {
		return (int) this.drops.stream().filter(this::isCollected).count();
	}

	boolean isCollected(PastDrop drop) {
		return this.collected.contains(drop.id());
	}

	/**
	 * One drop of the community as recognition sees it.
	 *
	 * @param id the drop's id
	 * @param opensAt when it opened (or opens)
	 * @param over whether it has closed, so a fan who did not buy missed it
	 * @param cadence the cadence that created it, or {@code null}
	 */
	public record PastDrop(UUID id, Instant opensAt, boolean over, UUID cadence) {
	}

}
