package io.microdrops.drop;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FairnessRulesTests {

	static final Instant NOW = DropTests.NOW;

	static final Timeline TIMELINE = new Timeline(NOW.minus(Duration.ofDays(1)), null, NOW.plus(Duration.ofDays(1)),
			NOW.plus(Duration.ofDays(2)));

	@Test
	void namesTheFirstRequirementAnAccountMisses() {
		FairnessRules rules = new FairnessRules(false, false, true, null, true, 30, null);
		Instant old = NOW.minus(Duration.ofDays(90));

		assertThat(rules.missedBy(TIMELINE, old, false, false, NOW))
			.isEqualTo(FairnessRules.Requirement.CONFIRMED_EMAIL);
		assertThat(rules.missedBy(TIMELINE, NOW.minus(Duration.ofHours(1)), true, false, NOW))
			.isEqualTo(FairnessRules.Requirement.CREATED_BEFORE_ANNOUNCEMENT);
		assertThat(rules.missedBy(TIMELINE, old, true, false, NOW)).isNull();
		assertThat(new FairnessRules(false, false, false, null, false, 30, null).missedBy(TIMELINE,
				NOW.minus(Duration.ofDays(29)), true, false, NOW))
			.isEqualTo(FairnessRules.Requirement.MIN_ACCOUNT_AGE);
	}

	@Test
	void asksABuyerOfTheDropNamedAndOnlyWhenOneIsNamed() {
		FairnessRules buyers = new FairnessRules(false, false, false, null, false, null,
				new DropId(java.util.UUID.randomUUID()));
		Instant old = NOW.minus(Duration.ofDays(90));

		assertThat(buyers.hasAccountRequirements()).isTrue();
		assertThat(buyers.missedBy(TIMELINE, old, true, false, NOW)).isEqualTo(FairnessRules.Requirement.BUYER_OF);
		assertThat(buyers.missedBy(TIMELINE, old, true, true, NOW)).isNull();
		assertThat(FairnessRules.NONE.missedBy(TIMELINE, old, true, false, NOW)).isNull();
	}

	@Test
	void refusesADropForItsOwnBuyers() {
		Drop drop = DropTests.draft(NOW.plus(Duration.ofDays(7)));

		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(
				() -> drop.changeFairness(new FairnessRules(false, false, false, null, false, null, drop.id()), NOW))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(DropRefusedException.Reason::messageKey)
				.containsExactly("fairness.refused.buyers-of-itself"));
		assertThat(drop.fairness()).isEqualTo(FairnessRules.NONE);
	}

	@Test
	void asksNothingOfAccountsWhenTheDropSetsNoRequirement() {
		assertThat(FairnessRules.NONE.hasAccountRequirements()).isFalse();
		assertThat(FairnessRules.NONE.spansIdentities()).isFalse();
		assertThat(FairnessRules.NONE.missedBy(TIMELINE, NOW, false, false, NOW)).isNull();
	}

	@Test
	void refusesTwoCreationLimitsAndAnAgeOutOfRangeAndKeepsTheRulesItHad() {
		Drop drop = DropTests.draft(NOW.plus(Duration.ofDays(7)));
		FairnessRules both = new FairnessRules(true, false, false, NOW, true, 0, null);

		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> drop.changeFairness(both, NOW))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(DropRefusedException.Reason::field)
				.containsExactly("createdBefore", "minAccountAgeDays"));
		assertThat(drop.fairness()).isEqualTo(FairnessRules.NONE);
	}

	@Test
	void fixesTheRulesOnceUnitsMayBeClaimed() {
		Instant opens = NOW.plus(Duration.ofDays(7));
		Drop drop = DropTests.draft(opens);
		drop.schedule(NOW);
		FairnessRules cards = new FairnessRules(true, false, false, null, false, null, null);
		drop.changeFairness(cards, NOW);
		assertThat(drop.fairness()).isEqualTo(cards);

		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> drop.changeFairness(FairnessRules.NONE, opens))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(DropRefusedException.Reason::messageKey)
				.containsExactly("drop.refused.changed-after-open"));
		assertThat(drop.fairness()).isEqualTo(cards);
	}

}
