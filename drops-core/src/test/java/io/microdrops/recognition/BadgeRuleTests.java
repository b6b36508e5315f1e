package io.microdrops.recognition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.microdrops.community.CommunityId;
import io.microdrops.recognition.CollectorHistory.PastDrop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BadgeRuleTests {

	private static final CommunityId COMMUNITY = new CommunityId(UUID.randomUUID());

	private static final UUID CADENCE = UUID.randomUUID();

	private static final UUID OTHER_CADENCE = UUID.randomUUID();

	private static final Instant START = Instant.parse("2026-01-01T18:00:00Z");

	/** Six past drops two weeks apart, all of the cadence, and one still open. */
	private final List<PastDrop> drops = new ArrayList<>();

	BadgeRuleTests() {
		for (int i = 0; i < 6; i++) {
			this.drops.add(new PastDrop(UUID.randomUUID(), START.plusSeconds(i * 14 * 86_400L), true, CADENCE));
		}
		this.drops.add(new PastDrop(UUID.randomUUID(), START.plusSeconds(6 * 14 * 86_400L), false, CADENCE));
	}

	private CollectorHistory bought(int... indexes) {
		return history(null, indexes);
	}

	private CollectorHistory history(Instant joinedAt, int... indexes) {
		Set<UUID> collected = new java.util.HashSet<>();
		for (int index : indexes) {
			collected.add(this.drops.get(index).id());
		}
		// Given shuffled, to show the history orders drops by opening itself.
		List<PastDrop> shuffled = new ArrayList<>(this.drops);
		java.util.Collections.reverse(shuffled);
		return new CollectorHistory(shuffled, collected, joinedAt);
	}

	private static BadgeRule rule(BadgeKind kind, Integer count, Instant before, UUID cadence) {
		return new BadgeRule(UUID.randomUUID(), COMMUNITY, kind, "Badge", "", count, before, cadence);
	}

	@Test
	void firstDropIsEarnedWithAnyCollectedDropAndNotWithout() {
		BadgeRule first = rule(BadgeKind.FIRST_DROP, null, null, null);
		assertThat(first.earnedBy(bought())).isFalse();
		assertThat(first.earnedBy(bought(6))).isTrue();
		assertThat(first.earnedBy(bought(0, 3))).isTrue();
	}

	@Test
	void nDropsCountsDistinctDropsReachingExactlyN() {
		BadgeRule three = rule(BadgeKind.N_DROPS, 3, null, null);
		assertThat(three.earnedBy(bought(0, 4))).isFalse();
		assertThat(three.earnedBy(bought(0, 4, 5))).isTrue();
		assertThat(three.earnedBy(bought(0, 1, 2, 3, 4, 5, 6))).isTrue();
	}

	@Test
	void collectedDropsOfAnotherCommunityDoNotCount() {
		BadgeRule two = rule(BadgeKind.N_DROPS, 2, null, null);
		CollectorHistory history = new CollectorHistory(this.drops,
				Set.of(this.drops.get(0).id(), UUID.randomUUID(), UUID.randomUUID()), null);
		assertThat(history.collectedCount()).isEqualTo(1);
		assertThat(two.earnedBy(history)).isFalse();
	}

	@Test
	void foundingMemberByCountNeedsOneOfTheFirstKDrops() {
		BadgeRule founding = rule(BadgeKind.FOUNDING_MEMBER, 2, null, null);
		assertThat(founding.earnedBy(bought(1))).isTrue();
		assertThat(founding.earnedBy(bought(2, 3, 4, 5))).isFalse();
		assertThat(founding.earnedBy(history(START.minusSeconds(86_400), 2))).as("joining early is not enough here")
			.isFalse();
	}

	@Test
	void foundingMemberByDateTakesJoiningOrBuyingBeforeTheDateButNotOnIt() {
		Instant cutOff = this.drops.get(2).opensAt();
		BadgeRule founding = rule(BadgeKind.FOUNDING_MEMBER, null, cutOff, null);
		assertThat(founding.earnedBy(history(cutOff.minusSeconds(1)))).as("joined before, bought nothing").isTrue();
		assertThat(founding.earnedBy(history(cutOff, 3))).as("joined at the cut-off").isFalse();
		assertThat(founding.earnedBy(bought(1))).as("bought before, never joined").isTrue();
		assertThat(founding.earnedBy(bought(2))).as("bought from the drop opening at the cut-off").isFalse();
	}

	@Test
	void neverMissedHoldsFromTheFirstCollectedDropOnAndIgnoresTheDropStillOpen() {
		BadgeRule streak = rule(BadgeKind.NEVER_MISSED_CADENCE, 3, null, CADENCE);
		// Joined late, bought every drop since: 3, 4, 5; drop 6 still open.
		assertThat(streak.earnedBy(bought(3, 4, 5))).isTrue();
		assertThat(streak.earnedBy(bought(3, 4, 5, 6))).isTrue();
		// Only two in a row so far.
		assertThat(streak.earnedBy(bought(4, 5))).isFalse();
		// Missed drop 4.
		assertThat(streak.earnedBy(bought(2, 3, 5))).isFalse();
		assertThat(streak.earnedBy(bought(0, 1, 2, 3, 4))).as("missed the last closed drop").isFalse();
		assertThat(streak.earnedBy(bought())).isFalse();
	}

	@Test
	void neverMissedCountsOnlyTheRulesCadence() {
		List<PastDrop> mixed = new ArrayList<>(this.drops);
		PastDrop oneOff = new PastDrop(UUID.randomUUID(), this.drops.get(4).opensAt().plusSeconds(3600), true,
				OTHER_CADENCE);
		mixed.add(oneOff);
		Set<UUID> collected = Set.of(this.drops.get(3).id(), this.drops.get(4).id(), this.drops.get(5).id());
		CollectorHistory history = new CollectorHistory(mixed, collected, null);
		assertThat(rule(BadgeKind.NEVER_MISSED_CADENCE, 3, null, CADENCE).earnedBy(history)).isTrue();
		assertThat(rule(BadgeKind.NEVER_MISSED_CADENCE, 3, null, null).earnedBy(history))
			.as("across all drops the one-off was missed")
			.isFalse();
	}

	@Test
	void refusesParametersThatDoNotFitTheKind() {
		assertThatExceptionOfType(RecognitionRefusedException.class)
			.isThrownBy(() -> rule(BadgeKind.N_DROPS, null, null, null))
			.extracting(RecognitionRefusedException::messageKey)
			.isEqualTo("recognition.count.n-drops");
		assertThatExceptionOfType(RecognitionRefusedException.class)
			.isThrownBy(() -> rule(BadgeKind.FOUNDING_MEMBER, 3, START, null))
			.extracting(RecognitionRefusedException::messageKey)
			.isEqualTo("recognition.founding.one-of");
		assertThatExceptionOfType(RecognitionRefusedException.class)
			.isThrownBy(() -> rule(BadgeKind.FOUNDING_MEMBER, null, null, null));
		assertThatExceptionOfType(RecognitionRefusedException.class)
			.isThrownBy(() -> rule(BadgeKind.NEVER_MISSED_CADENCE, 1, null, CADENCE));
		assertThatExceptionOfType(RecognitionRefusedException.class).isThrownBy(
				() -> new BadgeRule(UUID.randomUUID(), COMMUNITY, BadgeKind.FIRST_DROP, " ", "", null, null, null));
		assertThat(rule(BadgeKind.FIRST_DROP, 5, START, CADENCE)).as("parameters a kind ignores are dropped")
			.extracting(BadgeRule::dropCount, BadgeRule::before, BadgeRule::cadence)
			.containsOnlyNulls();
	}

}
