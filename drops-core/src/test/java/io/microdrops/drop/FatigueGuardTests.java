package io.microdrops.drop;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FatigueGuardTests {

	static final Instant T = Instant.parse("2026-12-03T18:00:00Z");

	static final ZoneId UTC = ZoneOffset.UTC;

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	static FatigueGuard.Opening opening(String slug, Instant at) {
		return new FatigueGuard.Opening(slug, slug, at);
	}

	@Test
	void acceptsADropAtLeastTheMinimumGapFromEveryOther() {
		assertThat(FatigueGuard.check(7, 4, T,
				List.of(opening("a", T.minus(Duration.ofDays(7))), opening("b", T.plus(Duration.ofDays(7)))), UTC))
			.isEmpty();
	}

	@Test
	void countsAWeekInTheCommunitysDaysAcrossAClockChangeToo() {
		// Thursday 26 March 2026 18:00 in London (GMT) to Thursday 2 April 18:00 (BST):
		// 6 days 23 hours, a week in London.
		Instant before = Instant.parse("2026-03-26T18:00:00Z");
		Instant after = Instant.parse("2026-04-02T17:00:00Z");
		assertThat(FatigueGuard.check(7, 4, after, List.of(opening("week-before", before)), LONDON)).isEmpty();
		assertThat(FatigueGuard.check(7, 4, after.minus(Duration.ofMinutes(1)), List.of(opening("week-before", before)),
				LONDON))
			.extracting(FatigueGuard.Warning::messageKey)
			.containsExactly("drop.fatigue.gap");
		// Without a clock change, 6 days 23 hours is less than a week.
		assertThat(FatigueGuard.check(7, 4, T.plus(Duration.ofDays(7)).minus(Duration.ofHours(1)),
				List.of(opening("week-before", T)), UTC))
			.extracting(FatigueGuard.Warning::messageKey)
			.containsExactly("drop.fatigue.gap");
	}

	@Test
	void warnsAboutADropTooCloseToAnotherOnEitherSide() {
		List<FatigueGuard.Warning> warnings = FatigueGuard.check(7, 4, T,
				List.of(opening("before", T.minus(Duration.ofDays(6))), opening("after", T.plus(Duration.ofHours(1)))),
				UTC);
		assertThat(warnings).extracting(FatigueGuard.Warning::otherSlug).containsExactly("before", "after");
		assertThat(warnings).extracting(FatigueGuard.Warning::messageKey).containsOnly("drop.fatigue.gap");
	}

	@Test
	void warnsWhenAnyThirtyDaysWouldHoldMoreThanTheMaximum() {
		List<FatigueGuard.Opening> three = List.of(opening("a", T.minus(Duration.ofDays(20))),
				opening("b", T.minus(Duration.ofDays(10))), opening("c", T.plus(Duration.ofDays(5))));
		assertThat(FatigueGuard.check(1, 3, T, three, UTC)).extracting(FatigueGuard.Warning::messageKey)
			.containsExactly("drop.fatigue.too-many");
		assertThat(FatigueGuard.check(1, 4, T, three, UTC)).isEmpty();
	}

	@Test
	void countsOnlyOpeningsInsideTheSameThirtyDays() {
		List<FatigueGuard.Opening> spread = List.of(opening("a", T.minus(Duration.ofDays(31))),
				opening("b", T.plus(Duration.ofDays(30))));
		assertThat(FatigueGuard.check(1, 1, T, spread, UTC)).isEmpty();
	}

}
