package io.microdrops.preorder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.drop.PreorderOutcome;
import io.microdrops.preorder.PreorderRefusedException.Reason;
import io.microdrops.testsupport.Concurrently;
import io.microdrops.testsupport.MovableClock;
import io.microdrops.waitlist.PurchaseAccess;
import io.microdrops.waitlist.WaitlistManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

import static io.microdrops.preorder.PreorderFixtures.DECLINED_CARD;
import static io.microdrops.preorder.PreorderFixtures.preorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pre-orders against the real database: the threshold both ways, all or nothing; no unit
 * claimed before and none oversold after; the settlement exactly once when runs race; the
 * sales gate while pre-orders are settled; and the rules of placing and withdrawing. The
 * settlement job is driven by each test.
 */
@SpringBootTest
@Import(PreorderIntegrationTests.Setup.class)
class PreorderIntegrationTests {

	static final Instant NOW = Instant.parse("2031-03-03T12:00:00Z");

	@Autowired
	PreorderManagement preorders;

	@Autowired
	PreorderJob job;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	PurchaseAccess access;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	EventLog events;

	PreorderFixtures fixtures;

	@BeforeEach
	void setUp() {
		// Settles what earlier tests left open (every test's drops share one timeline),
		// so
		// each test's run reports only its own drop.
		this.clock.set(NOW.plus(Duration.ofDays(30)));
		this.job.settleDue();
		this.clock.set(NOW);
		this.fixtures = new PreorderFixtures(this.accounts, this.communities, this.catalog, this.drops);
	}

	@Test
	void turnsEveryPreorderIntoAnOrderWithEditionsFirstPlacedFirstWhenTheThresholdIsReached() {
		String drop = this.fixtures.drop(NOW, 5, 2, 4);
		AccountId first = this.fixtures.fan();
		AccountId second = this.fixtures.fan();
		AccountId third = this.fixtures.fan();
		this.preorders.place(preorder(drop, first, 2));
		this.clock.advance(Duration.ofSeconds(1));
		this.preorders.place(preorder(drop, second, 2));
		this.clock.advance(Duration.ofSeconds(1));
		this.preorders.place(preorder(drop, third, 1));
		assertThat(soldOrHeld(drop)).as("a pre-order claims no unit").isZero();
		assertThat(this.preorders.progress(drop).orElseThrow().units()).isEqualTo(5);

		this.clock.set(PreorderFixtures.deadline(NOW));
		PreorderJob.Report report = this.job.settleDue();

		assertThat(report).isEqualTo(new PreorderJob.Report(1, 3, 0, 1));
		assertThat(editionsOf(first)).containsExactly(1, 2);
		assertThat(editionsOf(second)).containsExactly(3, 4);
		assertThat(editionsOf(third)).containsExactly(5);
		assertThat(sold(drop)).isEqualTo(5);
		assertThat(this.drops.view(drop).items().getFirst().remaining()).isZero();
		assertThat(this.preorders.preordersOf(first)).extracting(Preorder::status)
			.containsExactly(PreorderStatus.ORDERED);
		assertThat(this.drops.require(drop).preorderOutcome()).isEqualTo(PreorderOutcome.CONFIRMED);
		assertThat(this.preorders.progress(drop).orElseThrow().stage()).isEqualTo(PreorderProgress.Stage.CONFIRMED);
		assertThat(this.events.confirmed(drop)).extracting(PreorderConfirmed::fan)
			.containsExactlyInAnyOrder(first, second, third);
		assertThat(this.job.settleDue()).as("nothing left to do").isEqualTo(new PreorderJob.Report(0, 0, 0, 0));
	}

	@Test
	void neverTakesPreordersForMoreUnitsThanReleasedEvenWhenThirtyFansTryAtOnce() throws Exception {
		String drop = this.fixtures.drop(NOW, 10, 1, 5);
		List<AccountId> fans = IntStream.range(0, 30).mapToObj(i -> this.fixtures.fan()).toList();

		List<Object> outcomes = Concurrently.run(fans.size(), i -> {
			try {
				return this.preorders.place(preorder(drop, fans.get(i), 1));
			}
			catch (PreorderRefusedException ex) {
				return ex.reason();
			}
		});

		assertThat(outcomes).filteredOn(PlacedPreorder.class::isInstance).hasSize(10);
		assertThat(outcomes).filteredOn(Reason.class::isInstance).containsOnly(Reason.FULL).hasSize(20);
		this.clock.set(PreorderFixtures.deadline(NOW));
		assertThat(this.job.settleDue().ordered()).isEqualTo(10);
		assertThat(sold(drop)).isEqualTo(10);
	}

	@Test
	void voidsEveryPreorderAndLeavesTheStockUntouchedWhenTheThresholdIsMissed() {
		String drop = this.fixtures.drop(NOW, 20, 2, 10);
		AccountId first = this.fixtures.fan();
		AccountId second = this.fixtures.fan();
		this.preorders.place(preorder(drop, first, 2));
		this.clock.advance(Duration.ofSeconds(1));
		this.preorders.place(preorder(drop, second, 1));

		this.clock.set(PreorderFixtures.deadline(NOW));
		PreorderJob.Report report = this.job.settleDue();

		assertThat(report).isEqualTo(new PreorderJob.Report(1, 0, 0, 0));
		assertThat(this.preorders.preordersOf(first)).extracting(Preorder::status)
			.containsExactly(PreorderStatus.VOIDED);
		assertThat(this.preorders.preordersOf(second)).extracting(Preorder::status)
			.containsExactly(PreorderStatus.VOIDED);
		assertThat(soldOrHeld(drop)).isZero();
		assertThat(this.jdbc
			.queryForObject("select count(*) from reservations r join drop_items i on i.id = r.drop_item_id "
					+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, drop))
			.isZero();
		assertThat(this.orders.ordersOf(first)).isEmpty();
		assertThat(this.drops.view(drop).items().getFirst().remaining()).isEqualTo(20);
		assertThat(this.drops.require(drop).preorderOutcome()).isEqualTo(PreorderOutcome.VOIDED);
		assertThat(this.drops.view(drop).state()).as("the drop does not go ahead").isEqualTo(DropState.CLOSED);
		PreorderProgress progress = this.preorders.progress(drop).orElseThrow();
		assertThat(progress.stage()).isEqualTo(PreorderProgress.Stage.VOIDED);
		assertThat(progress.units()).isEqualTo(3);
		assertThat(this.events.voided(drop)).singleElement()
			.satisfies(voided -> assertThat(voided.voided()).extracting(PreordersVoided.Voided::fan)
				.containsExactly(first, second));
	}

	@Test
	void settlesEachPreorderOnceWhenTwoRunsRaceEachOther() throws Exception {
		String drop = this.fixtures.drop(NOW, 30, 1, 15);
		List<AccountId> fans = IntStream.range(0, 20).mapToObj(i -> this.fixtures.fan()).toList();
		for (AccountId fan : fans) {
			this.preorders.place(preorder(drop, fan, 1));
			this.clock.advance(Duration.ofMillis(10));
		}
		this.clock.set(PreorderFixtures.deadline(NOW));

		// Both runs skip the lock: only the row claims keep them from doing a thing
		// twice.
		List<PreorderJob.Report> reports = Concurrently.run(2, i -> this.job.settleDue());
		PreorderJob.Report rest = this.job.settleDue();

		assertThat(reports.stream().mapToInt(PreorderJob.Report::decided).sum()).isEqualTo(1);
		assertThat(reports.stream().mapToInt(PreorderJob.Report::ordered).sum() + rest.ordered()).isEqualTo(20);
		assertThat(reports.stream().mapToInt(PreorderJob.Report::completed).sum() + rest.completed()).isEqualTo(1);
		assertThat(sold(drop)).isEqualTo(20);
		assertThat(this.jdbc.queryForObject("select count(*) from orders o join drop_items i on i.id = o.drop_item_id "
				+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, drop))
			.isEqualTo(20);
		for (AccountId fan : fans) {
			assertThat(this.orders.ordersOf(fan)).hasSize(1);
		}
		List<Integer> editions = fans.stream().flatMap(fan -> editionsOf(fan).stream()).sorted().toList();
		assertThat(editions).isEqualTo(IntStream.rangeClosed(1, 20).boxed().toList());
		assertThat(this.events.confirmed(drop)).hasSize(20);
	}

	@Test
	void settlesOnceWhenTwoScheduledRunsStartAtTheSameMoment() throws Exception {
		String drop = this.fixtures.drop(NOW, 10, 1, 3);
		List<AccountId> fans = IntStream.range(0, 6).mapToObj(i -> this.fixtures.fan()).toList();
		fans.forEach(fan -> this.preorders.place(preorder(drop, fan, 1)));
		this.clock.set(PreorderFixtures.deadline(NOW));

		Concurrently.run(2, i -> {
			this.job.run();
			return null;
		});
		// Whichever run lost the lock left work undone: the next scheduled run does it.
		this.job.run();

		assertThat(sold(drop)).isEqualTo(6);
		assertThat(this.events.confirmed(drop)).hasSize(6);
		assertThat(fans).allSatisfy(fan -> assertThat(this.orders.ordersOf(fan)).hasSize(1));
	}

	@Test
	void failsOnlyThePreorderWhoseCardIsDeclinedAndGivesItsUnitsBack() {
		String drop = this.fixtures.drop(NOW, 3, 1, 2);
		AccountId paying = this.fixtures.fan();
		AccountId declined = this.fixtures.fan();
		this.preorders.place(preorder(drop, paying, 1));
		this.clock.advance(Duration.ofSeconds(1));
		this.preorders.place(preorder(drop, declined, 1, DECLINED_CARD));

		this.clock.set(PreorderFixtures.deadline(NOW));
		PreorderJob.Report report = this.job.settleDue();

		assertThat(report).isEqualTo(new PreorderJob.Report(1, 1, 1, 1));
		Preorder failed = this.preorders.preordersOf(declined).getFirst();
		assertThat(failed.status()).isEqualTo(PreorderStatus.FAILED);
		assertThat(failed.failure()).isEqualTo(Preorder.Failure.PAYMENT_DECLINED.name());
		assertThat(failed.failureDetail()).contains("declined");
		assertThat(this.orders.ordersOf(declined)).isEmpty();
		assertThat(sold(drop)).isEqualTo(1);
		assertThat(soldOrHeld(drop)).as("the declined pre-order's unit went back").isEqualTo(1);
		assertThat(this.events.failed(drop)).extracting(PreorderFailed::fan).containsExactly(declined);
		assertThat(this.drops.require(drop).preorderOutcome()).isEqualTo(PreorderOutcome.CONFIRMED);
	}

	@Test
	void keepsSalesClosedUntilEveryPreorderIsSettled() {
		// Pre-orders close with the opening: at that moment nobody may buy yet.
		String drop = this.fixtures.drop(NOW, 10, 1, 2, false, AccessMode.FIRST_COME);
		AccountId preordered = this.fixtures.fan();
		AccountId buyer = this.fixtures.fan();
		this.preorders.place(preorder(drop, preordered, 1));
		this.preorders.place(preorder(drop, this.fixtures.fan(), 1));
		Instant opens = this.drops.require(drop).timeline().opensAt();
		assertThat(this.drops.require(drop).preorderDeadline()).isEqualTo(opens);

		this.clock.set(opens);
		PurchaseAccess.Decision waiting = this.access.check(drop, buyer, opens);
		assertThat(waiting.allowed()).isFalse();
		assertThat(waiting.reasonKey()).isEqualTo("access.awaiting-preorders");
		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, buyer, null)))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(CheckoutRefusedException.Reason.NOT_OPEN_TO_FAN));

		this.job.settleDue();

		assertThat(this.access.check(drop, buyer, opens).allowed()).isTrue();
		assertThat(this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, buyer, null)).editions())
			.as("pre-orders took the first editions")
			.containsExactly(3);
	}

	@Test
	void answersARepeatedPreorderWithTheFirstAndRefusesAnotherQuantity() {
		String drop = this.fixtures.drop(NOW, 10, 3, 5);
		AccountId fan = this.fixtures.fan();

		PlacedPreorder first = this.preorders.place(preorder(drop, fan, 2));
		PlacedPreorder again = this.preorders.place(preorder(drop, fan, 2));

		assertThat(first.alreadyPlaced()).isFalse();
		assertThat(again.alreadyPlaced()).isTrue();
		assertThat(again.preorder().id()).isEqualTo(first.preorder().id());
		assertThat(refusal(preorder(drop, fan, 1))).isEqualTo(Reason.ALREADY_PREORDERED);
		assertThat(this.preorders.progress(drop).orElseThrow().units()).isEqualTo(2);
	}

	@Test
	void refusesWhatBreaksTheRules() {
		String drop = this.fixtures.drop(NOW, 10, 2, 5);
		AccountId fan = this.fixtures.fan();

		assertThat(refusal(preorder(drop, fan, 3))).isEqualTo(Reason.OVER_LIMIT);
		assertThat(refusal(preorder(drop, fan, 0))).isEqualTo(Reason.INVALID_QUANTITY);
		assertThat(refusal(preorder(drop, fan, 1, "4111 1111 1111 1111"))).as("never store a real card")
			.isEqualTo(Reason.INVALID_PAYMENT);
		assertThat(refusal(new PlacePreorder(drop, "sku-" + drop, 1, fan, PreorderFixtures.GOOD_CARD,
				new io.microdrops.checkout.Fulfilment(io.microdrops.checkout.Fulfilment.Method.SHIPPING, null, " "))))
			.isEqualTo(Reason.INVALID_FULFILMENT);
		assertThat(refusal(
				new PlacePreorder(drop, "no-such-sku", 1, fan, PreorderFixtures.GOOD_CARD, PreorderFixtures.PICKUP)))
			.isEqualTo(Reason.NOT_FOUND);
		assertThat(refusal(preorder("no-such-drop", fan, 1))).isEqualTo(Reason.NOT_FOUND);
		String withoutThreshold = this.fixtures.drop(NOW, 10, 2, null, false, AccessMode.FIRST_COME);
		assertThat(refusal(preorder(withoutThreshold, fan, 1))).isEqualTo(Reason.NO_PREORDERS);
		String waitlistOnly = this.fixtures.drop(NOW, 10, 2, 5, true, AccessMode.WAITLIST_ONLY);
		assertThat(refusal(preorder(waitlistOnly, fan, 1))).isEqualTo(Reason.WAITLIST_ONLY);
		this.waitlists.join(waitlistOnly, fan);
		assertThat(this.preorders.place(preorder(waitlistOnly, fan, 1)).alreadyPlaced()).isFalse();
		assertThat(this.preorders.preordersOf(fan)).hasSize(1);

		this.clock.set(PreorderFixtures.deadline(NOW));
		assertThat(refusal(preorder(drop, fan, 1))).isEqualTo(Reason.CLOSED);
	}

	@Test
	void letsAFanWithdrawBeforeTheDeadlineButNotAfter() {
		String drop = this.fixtures.drop(NOW, 10, 2, 2);
		AccountId fan = this.fixtures.fan();
		AccountId other = this.fixtures.fan();
		UUID withdrawn = this.preorders.place(preorder(drop, fan, 2)).preorder().id();
		UUID kept = this.preorders.place(preorder(drop, other, 1)).preorder().id();

		assertThatExceptionOfType(PreorderRefusedException.class)
			.isThrownBy(() -> this.preorders.cancel(withdrawn, other))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.NOT_FOUND));
		this.preorders.cancel(withdrawn, fan);
		assertThat(this.preorders.progress(drop).orElseThrow().units()).isEqualTo(1);

		this.clock.set(PreorderFixtures.deadline(NOW));
		assertThatExceptionOfType(PreorderRefusedException.class).isThrownBy(() -> this.preorders.cancel(kept, other))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.NOT_CANCELLABLE));
		this.job.settleDue();
		assertThat(this.preorders.preordersOf(fan)).extracting(Preorder::status)
			.containsExactly(PreorderStatus.CANCELLED);
		assertThat(this.preorders.preordersOf(other)).extracting(Preorder::status)
			.containsExactly(PreorderStatus.VOIDED);
	}

	private Reason refusal(PlacePreorder command) {
		try {
			this.preorders.place(command);
			throw new AssertionError("Expected a refusal");
		}
		catch (PreorderRefusedException ex) {
			return ex.reason();
		}
	}

	private List<Integer> editionsOf(AccountId fan) {
		List<Integer> editions = new ArrayList<>();
		this.orders.ordersOf(fan).stream().map(Order::editions).forEach(editions::addAll);
		return editions;
	}

	private long sold(String drop) {
		return this.jdbc.queryForObject("select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id "
				+ "join drops d on d.id = i.drop_id where d.slug = ? and u.sold", Long.class, drop);
	}

	private long soldOrHeld(String drop) {
		return this.jdbc.queryForObject(
				"select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id "
						+ "join drops d on d.id = i.drop_id where d.slug = ? and u.reservation_id is not null",
				Long.class, drop);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(NOW);
		}

		@Bean
		EventLog eventLog() {
			return new EventLog();
		}

	}

	/**
	 * Records the pre-order events that were committed.
	 */
	static class EventLog {

		private final List<Object> events = new CopyOnWriteArrayList<>();

		@TransactionalEventListener
		void on(PreorderConfirmed event) {
			this.events.add(event);
		}

		@TransactionalEventListener
		void on(PreorderFailed event) {
			this.events.add(event);
		}

		@TransactionalEventListener
		void on(PreordersVoided event) {
			this.events.add(event);
		}

		List<PreorderConfirmed> confirmed(String drop) {
			return of(PreorderConfirmed.class).stream().filter(event -> event.dropSlug().equals(drop)).toList();
		}

		List<PreorderFailed> failed(String drop) {
			return of(PreorderFailed.class).stream().filter(event -> event.dropSlug().equals(drop)).toList();
		}

		List<PreordersVoided> voided(String drop) {
			return of(PreordersVoided.class).stream().filter(event -> event.dropSlug().equals(drop)).toList();
		}

		private <T> List<T> of(Class<T> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
