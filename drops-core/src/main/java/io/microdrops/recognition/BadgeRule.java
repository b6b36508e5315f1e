package io.microdrops.recognition;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.microdrops.community.CommunityId;

/**
 * A badge a community gives its collectors, as its merchandisers defined it: a kind with
 * its parameters, and the name and description fans see. Whether a fan holds it is
 * computed from their history by {@link #earnedBy(CollectorHistory)}.
 *
 * @param id the rule's id
 * @param community the community it belongs to
 * @param kind what it recognises
 * @param name the badge's name, e.g. "Founding member"
 * @param description what it means, for fans
 * @param dropCount n for {@link BadgeKind#N_DROPS} and
 * {@link BadgeKind#NEVER_MISSED_CADENCE}; k (the first k drops) for a
 * {@link BadgeKind#FOUNDING_MEMBER} without a date; otherwise {@code null}
 * @param before the date for a {@link BadgeKind#FOUNDING_MEMBER} without a count,
 * otherwise {@code null}
 * @param cadence the cadence for {@link BadgeKind#NEVER_MISSED_CADENCE}, or {@code null}
 * for all of the community's drops
 */
public record BadgeRule(UUID id, CommunityId community, BadgeKind kind, String name, String description,
		Integer dropCount, Instant before, UUID cadence) {

	/**
	 * Creates a rule, refusing parameters that do not fit its kind.
	 * @throws RecognitionRefusedException when a parameter is missing or out of range
	 */
	public BadgeRule {
		Objects.requireNonNull(kind, "kind");
		if (name == null || name.isBlank()) {
			throw new RecognitionRefusedException("recognition.name.required");
		}
		if (dropCount != null && (dropCount < 1 || dropCount > 1000)) {
			throw new RecognitionRefusedException("recognition.count.range");
		}
		switch (kind) {
			case FIRST_DROP -> {
				dropCount = null;
				before = null;
				cadence = null;
			}
			case N_DROPS -> {
				if (dropCount == null || dropCount < 2) {
					throw new RecognitionRefusedException("recognition.count.n-drops");
				}
				before = null;
				cadence = null;
			}
			case FOUNDING_MEMBER -> {
				if ((dropCount == null) == (before == null)) {
					throw new RecognitionRefusedException("recognition.founding.one-of");
				}
				cadence = null;
			}
			case NEVER_MISSED_CADENCE -> {
				if (dropCount == null || dropCount < 2) {
					throw new RecognitionRefusedException("recognition.count.streak");
				}
				before = null;
			}
		}
		description = (description != null) ? description.strip() : "";
		name = name.strip();
	}

	/**
	 * Tells whether a fan with this history in the rule's community holds the badge.
	 * @param history the fan's history in the community
	 * @return {@code true} when earned
	 */
	public boolean earnedBy(CollectorHistory history) {
		return switch (this.kind) {
			case FIRST_DROP -> history.collectedCount() >= 1;
			case N_DROPS -> history.collectedCount() >= this.dropCount;
			case FOUNDING_MEMBER -> isFounding(history);
			case NEVER_MISSED_CADENCE -> neverMissed(history);
		};
	}

	private boolean isFounding(CollectorHistory history) {
		if (this.dropCount != null) {
			return history.drops().stream().limit(this.dropCount).anyMatch(history::isCollected);
		}
		if (history.joinedAt() != null && history.joinedAt().isBefore(this.before)) {
			return true;
		}
		return history.drops()
			.stream()
			.anyMatch(drop -> history.isCollected(drop) && drop.opensAt().isBefore(this.before));
	}

	// A drop still open that the fan has not bought yet is no miss: they may still buy.
	private boolean neverMissed(CollectorHistory history) {
		List<CollectorHistory.PastDrop> counted = history.drops()
			.stream()
			.filter(drop -> this.cadence == null || this.cadence.equals(drop.cadence()))
			.filter(drop -> drop.over() || history.isCollected(drop))
			.dropWhile(drop -> !history.isCollected(drop))
			.toList();
		return !counted.isEmpty() && counted.stream().allMatch(history::isCollected)
				&& counted.size() >= this.dropCount;
	}

}
