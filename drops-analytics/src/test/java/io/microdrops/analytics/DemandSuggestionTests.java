package io.microdrops.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.analytics.DemandSignals.DropDemand;
import io.microdrops.analytics.DemandSignals.Suggestion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemandSuggestionTests {

	private static final Instant START = Instant.parse("2026-09-03T17:00:00Z");

	private static DropDemand drop(int weeksIn, int quantity, int sold, int waitlisted, int unmet, Duration sellOut,
			boolean over) {
		return new DropDemand(UUID.randomUUID(), "d" + weeksIn, "Drop " + weeksIn,
				START.plus(Duration.ofDays(7L * weeksIn)), over, quantity, sold, waitlisted, unmet, sellOut);
	}

	@Test
	void fastSellOutsWithFansLeftWaitingSuggestTheMedianDemandAndAShorterGap() {
		// Every two weeks; 100 units each; sold out in hours with 40, 10 and 70 fans
		// left.
		List<DropDemand> drops = List.of(drop(4, 100, 100, 140, 70, Duration.ofMinutes(30), true),
				drop(0, 100, 100, 120, 40, Duration.ofHours(3), true),
				drop(2, 100, 100, 60, 10, Duration.ofHours(20), true));
		Suggestion suggestion = Suggestion.from(drops, 7);
		assertThat(suggestion.demands()).containsExactly(140, 110, 170);
		assertThat(suggestion.quantity()).isEqualTo(140);
		assertThat(suggestion.averageGapDays()).isEqualTo(14.0);
		assertThat(suggestion.soldOutWithinADay()).isEqualTo(3);
		assertThat(suggestion.gapDays()).isEqualTo(11);
		assertThat(suggestion.gapChange()).isEqualTo("SHORTER");
	}

	@Test
	void theShorterGapNeverGoesBelowTheFatigueGuard() {
		List<DropDemand> drops = List.of(drop(0, 50, 50, 90, 30, Duration.ofMinutes(5), true),
				drop(1, 50, 50, 90, 30, Duration.ofMinutes(5), true));
		assertThat(Suggestion.from(drops, 7).gapDays()).isEqualTo(7);
		assertThat(Suggestion.from(drops, 7).gapChange()).isEqualTo("SAME");
	}

	@Test
	void dropsThatDidNotSellOutSuggestWhatSoldAndALongerGap() {
		List<DropDemand> drops = List.of(drop(0, 200, 80, 10, 0, null, true), drop(2, 200, 120, 5, 0, null, true),
				drop(4, 200, 90, 0, 0, null, true), drop(6, 200, 60, 0, 0, null, true));
		Suggestion suggestion = Suggestion.from(drops, 7);
		assertThat(suggestion.quantity()).as("median of 60, 80, 90, 120, rounded up").isEqualTo(85);
		assertThat(suggestion.gapDays()).isEqualTo(21);
		assertThat(suggestion.gapChange()).isEqualTo("LONGER");
	}

	@Test
	void aDropStillSellingIsLeftOutOfTheQuantityButCountsForTheGap() {
		List<DropDemand> drops = List.of(drop(0, 100, 100, 50, 20, Duration.ofHours(30), true),
				drop(1, 100, 30, 300, 280, null, false));
		Suggestion suggestion = Suggestion.from(drops, 0);
		assertThat(suggestion.basedOn()).isEqualTo(1);
		assertThat(suggestion.quantity()).isEqualTo(120);
		assertThat(suggestion.averageGapDays()).isEqualTo(7.0);
		assertThat(suggestion.gapChange()).as("sold out, but not within a day").isEqualTo("SAME");
	}

	@Test
	void aDropWhoseEveryUnitSoldCountsAsSoldOutEvenWithoutTheMomentRecorded() {
		List<DropDemand> drops = List.of(drop(0, 100, 100, 30, 10, null, false), drop(2, 100, 100, 30, 10, null, true));
		Suggestion suggestion = Suggestion.from(drops, 7);
		assertThat(suggestion.basedOn()).as("still open, but sold out: its demand is known").isEqualTo(2);
		assertThat(suggestion.soldOut()).isEqualTo(2);
		assertThat(suggestion.soldOutWithinADay()).as("how fast is unknown").isZero();
		assertThat(suggestion.gapChange()).isEqualTo("SAME");
	}

	@Test
	void waitlistedFansWhoDidNotBuyWhileUnitsWereLeftAreNoUnmetDemand() {
		DropDemand leftOver = drop(0, 100, 70, 90, 40, null, true);
		DropDemand soldOut = drop(2, 100, 100, 90, 40, Duration.ofHours(2), true);
		assertThat(leftOver.unmet()).as("30 units were left for them").isZero();
		assertThat(leftOver.demand()).isEqualTo(70);
		assertThat(soldOut.unmet()).isEqualTo(40);
		assertThat(Suggestion.from(List.of(leftOver, soldOut), 7).demands()).containsExactly(70, 140);
	}

	@Test
	void withoutFinishedDropsThereIsNoQuantityAndWithOneDropNoGap() {
		Suggestion none = Suggestion.from(List.of(drop(0, 100, 10, 5, 5, null, false)), 7);
		assertThat(none.quantity()).isNull();
		assertThat(none.gapDays()).isNull();
		assertThat(Suggestion.from(List.of(), 7).quantity()).isNull();
	}

}
