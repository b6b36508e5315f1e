package io.microdrops.drop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.SkuId;
import io.microdrops.community.CommunityId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DropTests {

	static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	static final CommunityId COMMUNITY = new CommunityId(UUID.randomUUID());

	static final SkuId KEYCAP = new SkuId(UUID.randomUUID());

	static final SkuId DESKMAT = new SkuId(UUID.randomUUID());

	static DropPlan plan(Instant opensAt, List<NewDropItem> items) {
		return new DropPlan("Brass keycaps", COMMUNITY, AccessMode.FIRST_COME,
				new Timeline(opensAt.minus(Duration.ofDays(2)), null, opensAt, opensAt.plus(Duration.ofDays(1))), 10,
				null, items);
	}

	static Drop draft(Instant opensAt) {
		return new Drop("brass-keycaps", plan(opensAt, List.of(new NewDropItem(KEYCAP, 200, 1))), NOW);
	}

	@Test
	void startsAsADraftInvisibleToFans() {
		Drop drop = draft(NOW.plus(Duration.ofDays(7)));
		assertThat(drop.stateAt(NOW)).isEqualTo(DropState.DRAFT);
		assertThat(drop.stateAt(NOW).isPublic()).isFalse();
	}

	@Test
	void schedulesACompleteDraftAndRegistersTheEvent() {
		Drop drop = draft(NOW.plus(Duration.ofDays(7)));
		drop.schedule(NOW);
		assertThat(drop.stateAt(NOW)).isEqualTo(DropState.SCHEDULED);
		assertThat(drop.stateAt(NOW.plus(Duration.ofDays(5)))).isEqualTo(DropState.ANNOUNCED);
	}

	@Test
	void refusesToScheduleADraftWithoutItems() {
		Drop drop = new Drop("empty", plan(NOW.plus(Duration.ofDays(7)), List.of()), NOW);
		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> drop.schedule(NOW))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(DropRefusedException.Reason::messageKey)
				.containsExactly("drop.refused.no-items"));
	}

	@Test
	void refusesToScheduleADropThatHasClosedAlready() {
		Drop drop = draft(NOW.minus(Duration.ofDays(3)));
		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> drop.schedule(NOW))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(DropRefusedException.Reason::messageKey)
				.containsExactly("drop.refused.closes-in-past"));
	}

	@Test
	void opensAtOnceWhenScheduledWithAnOpeningInThePast() {
		Drop drop = draft(NOW.minus(Duration.ofHours(1)));
		drop.schedule(NOW);
		assertThat(drop.stateAt(NOW)).isEqualTo(DropState.LIVE);
	}

	@Test
	void unschedulesOnlyBeforeTheDropOpens() {
		Drop drop = draft(NOW.plus(Duration.ofDays(7)));
		drop.schedule(NOW);
		drop.unschedule(NOW.plus(Duration.ofDays(6)));
		assertThat(drop.stateAt(NOW)).isEqualTo(DropState.DRAFT);

		drop.schedule(NOW);
		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> drop.unschedule(NOW.plus(Duration.ofDays(7))))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(DropRefusedException.Reason::messageKey)
				.containsExactly("drop.refused.unschedule-after-open"));
	}

	@Test
	void refusesQuantityChangesOnceTheDropIsOpen() {
		Instant opens = NOW.plus(Duration.ofDays(7));
		Drop drop = draft(opens);
		drop.schedule(NOW);
		drop.revise(plan(opens, List.of(new NewDropItem(KEYCAP, 150, 2))), NOW);
		assertThat(drop.items()).singleElement().satisfies(item -> assertThat(item.quantity()).isEqualTo(150));

		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> drop.revise(plan(opens, List.of(new NewDropItem(KEYCAP, 500, 2))), opens))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(DropRefusedException.Reason::messageKey)
				.containsExactly("drop.refused.changed-after-open"));
		assertThat(drop.items()).singleElement().satisfies(item -> assertThat(item.quantity()).isEqualTo(150));
	}

	@Test
	void closesEarlyOnlyWhileOpen() {
		Instant opens = NOW.plus(Duration.ofDays(7));
		Drop drop = draft(opens);
		drop.schedule(NOW);
		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> drop.closeEarly(NOW));

		drop.closeEarly(opens.plus(Duration.ofHours(1)));
		assertThat(drop.stateAt(opens.plus(Duration.ofHours(2)))).isEqualTo(DropState.CLOSED);
	}

	@Test
	void refusesItemsWithALimitAboveTheQuantityOrTheSameSkuTwice() {
		Instant opens = NOW.plus(Duration.ofDays(7));
		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> new Drop("x", plan(opens, List.of(new NewDropItem(KEYCAP, 2, 3))), NOW));
		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> new Drop("x",
				plan(opens, List.of(new NewDropItem(KEYCAP, 2, 1), new NewDropItem(KEYCAP, 5, 1))), NOW));
		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> new Drop("x", plan(opens, List.of(new NewDropItem(KEYCAP, 0, 1))), NOW));
	}

	@Test
	void keepsItemsInThePlannedOrderWhenRevised() {
		Instant opens = NOW.plus(Duration.ofDays(7));
		Drop drop = new Drop("two",
				plan(opens, List.of(new NewDropItem(KEYCAP, 10, 1), new NewDropItem(DESKMAT, 5, 1))), NOW);
		drop.revise(plan(opens, List.of(new NewDropItem(DESKMAT, 6, 1), new NewDropItem(KEYCAP, 10, 2))), NOW);
		assertThat(drop.items()).extracting(DropItem::sku).containsExactly(DESKMAT, KEYCAP);
		assertThat(drop.items()).extracting(DropItem::quantity).containsExactly(6, 10);
	}

	@Test
	void recordsAnAdminsFatigueOverrideAndForgetsItWhenUnscheduled() {
		Drop drop = draft(NOW.plus(Duration.ofDays(7)));
		drop.overrideFatigueGuard(new AccountId(UUID.randomUUID()), "Holiday special agreed with the community");
		drop.schedule(NOW);
		assertThat(drop.fatigueOverrideReason()).isEqualTo("Holiday special agreed with the community");
		drop.unschedule(NOW);
		assertThat(drop.fatigueOverrideReason()).isNull();
	}

	static DropPlan preorderPlan(Instant opensAt, Integer threshold, Instant deadline) {
		return new DropPlan("Brass keycaps", COMMUNITY, AccessMode.FIRST_COME,
				new Timeline(opensAt.minus(Duration.ofDays(2)), opensAt.minus(Duration.ofHours(1)), opensAt,
						opensAt.plus(Duration.ofDays(1))),
				10, threshold, deadline, List.of(new NewDropItem(KEYCAP, 200, 1)));
	}

	@Test
	void closesPreordersWhenSalesStartUnlessTheMerchandiserSetADeadline() {
		Instant opens = NOW.plus(Duration.ofDays(7));
		Drop withoutDeadline = new Drop("a", preorderPlan(opens, 50, null), NOW);
		assertThat(withoutDeadline.preorderDeadline()).as("early access is the first sale")
			.isEqualTo(opens.minus(Duration.ofHours(1)));
		Instant deadline = opens.minus(Duration.ofDays(1)).plusMillis(400);
		Drop withDeadline = new Drop("b", preorderPlan(opens, 50, deadline), NOW);
		assertThat(withDeadline.preorderDeadline()).isEqualTo(opens.minus(Duration.ofDays(1)));
		assertThat(withDeadline.awaitsPreorderOutcome()).isTrue();
		assertThat(draft(opens).awaitsPreorderOutcome()).isFalse();
	}

	@Test
	void refusesAPreorderDeadlineWithoutThresholdOrOutsideTheAnnouncementAndTheFirstSales() {
		Instant opens = NOW.plus(Duration.ofDays(7));
		assertThat(deadlineRefusal(preorderPlan(opens, null, opens.minus(Duration.ofDays(1)))))
			.isEqualTo("drop.refused.preorder-deadline-without-threshold");
		assertThat(deadlineRefusal(preorderPlan(opens, 50, opens.minus(Duration.ofDays(2)))))
			.isEqualTo("drop.refused.preorder-deadline-before-announce");
		assertThat(deadlineRefusal(preorderPlan(opens, 50, opens.minus(Duration.ofMinutes(30)))))
			.as("after early access")
			.isEqualTo("drop.refused.preorder-deadline-after-sales");
		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> new Drop("x", preorderPlan(opens, 201, null), NOW))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(DropRefusedException.Reason::messageKey)
				.containsExactly("drop.refused.preorder-threshold-over-units"));
	}

	@Test
	void closesTheDropWhenItsPreordersAreVoidedAndFreezesThePlanOnceSettled() {
		Instant opens = NOW.plus(Duration.ofDays(7));
		Instant deadline = opens.minus(Duration.ofDays(1));
		Drop voided = new Drop("voided", preorderPlan(opens, 50, deadline), NOW);
		voided.schedule(NOW);
		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> voided.settlePreorders(PreorderOutcome.VOIDED, deadline.minusSeconds(1)));
		voided.settlePreorders(PreorderOutcome.VOIDED, deadline);
		assertThat(voided.stateAt(deadline)).isEqualTo(DropState.CLOSED);
		assertThat(voided.stateAt(opens)).isEqualTo(DropState.CLOSED);
		assertThat(voided.awaitsPreorderOutcome()).isFalse();
		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> voided.settlePreorders(PreorderOutcome.CONFIRMED, deadline));
		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> voided.unschedule(deadline));

		Drop confirmed = new Drop("confirmed", preorderPlan(opens, 50, deadline), NOW);
		confirmed.schedule(NOW);
		assertThatExceptionOfType(DropRefusedException.class)
			.as("the plan the pre-orders are counted against is fixed at the deadline")
			.isThrownBy(() -> confirmed.revise(preorderPlan(opens, 10, deadline), deadline));
		assertThatExceptionOfType(DropRefusedException.class).as("pre-orders are being settled")
			.isThrownBy(() -> confirmed.unschedule(deadline));
		confirmed.settlePreorders(PreorderOutcome.CONFIRMED, deadline);
		assertThat(confirmed.stateAt(opens)).isEqualTo(DropState.LIVE);
		assertThat(confirmed.preorderOutcome()).isEqualTo(PreorderOutcome.CONFIRMED);
	}

	private static String deadlineRefusal(DropPlan plan) {
		try {
			new Drop("x", plan, NOW);
			throw new AssertionError("Expected a refusal");
		}
		catch (DropRefusedException ex) {
			assertThat(ex.reasons()).singleElement()
				.satisfies(reason -> assertThat(reason.field()).isEqualTo("preorderDeadline"));
			return ex.reasons().getFirst().messageKey();
		}
	}

}
