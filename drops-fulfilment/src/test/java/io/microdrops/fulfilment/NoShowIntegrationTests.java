package io.microdrops.fulfilment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.PaymentProvider;
import io.microdrops.waitlist.WaitlistManagement;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pickups nobody collected: ops mark one as a no-show, or the no-show job does once it
 * has waited its time at the hub; the order is then refunded once, its edition freed and
 * offered to the next fan on the drop's waitlist.
 */
@SpringBootTest(
		properties = { "drops.second-chance.initial-delay=PT1H", "drops.fulfilment.no-show-initial-delay=PT1H" })
@Import({ FulfilmentFixtures.class, NoShowIntegrationTests.Published.class })
class NoShowIntegrationTests {

	static final Actor OPS = new Actor(null, "Oli Ops");

	@Autowired
	FulfilmentFixtures fixtures;

	@Autowired
	FulfilmentManagement fulfilment;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Published published;

	@Test
	void aPickupOpsMarkAsNoShowIsRefundedAndItsEditionOfferedToTheNextWaitlistedFan() {
		String drop = this.fixtures.openDrop(1, 1);
		Hub hub = this.fixtures.hub(10, null);
		AccountId buyer = this.fixtures.fan();
		AccountId waiting = this.fixtures.fan();
		this.waitlists.join(drop, waiting);
		Order order = this.fixtures.buy(drop, buyer, FulfilmentFixtures.pickup(hub));
		UUID id = ready(order);

		FulfilmentEntry marked = this.fulfilment.move(id, FulfilmentStatus.NO_SHOW, null, OPS);

		assertThat(marked.status()).isEqualTo(FulfilmentStatus.NO_SHOW);
		assertThat(this.published.noShows()).filteredOn(event -> event.order().equals(order.id()))
			.singleElement()
			.satisfies(event -> assertThat(event.fan()).isEqualTo(buyer));
		awaitTakenBack(order);
		assertThat(this.jdbc.queryForObject("select payment_status from orders where id = ?", String.class, order.id()))
			.isEqualTo("REFUNDED");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from drop_units where drop_item_id = (select drop_item_id from orders where id = ?)"
						+ " and sold",
				Long.class, order.id()))
			.isZero();
		assertThat(this.jdbc.queryForList("select account_id from second_chance_offers where drop_item_id ="
				+ " (select drop_item_id from orders where id = ?)", UUID.class, order.id()))
			.containsExactly(waiting.value());
	}

	@Test
	void marksPickupsStillWaitingAfterTheirTimeAsNoShowsAndLeavesTheOthers() {
		String drop = this.fixtures.openDrop(5, 1);
		Hub hub = this.fixtures.hub(10, null);
		Order overdue = this.fixtures.buy(drop, this.fixtures.fan(), FulfilmentFixtures.pickup(hub));
		Order recent = this.fixtures.buy(drop, this.fixtures.fan(), FulfilmentFixtures.pickup(hub));
		UUID overdueId = ready(overdue);
		UUID recentId = ready(recent);
		this.jdbc.update("update fulfilment_status_changes set changed_at = changed_at - interval '8 days'"
				+ " where fulfilment_order_id = ? and to_status = 'READY_FOR_PICKUP'", overdueId);
		this.jdbc.update("update fulfilment_status_changes set changed_at = changed_at - interval '6 days'"
				+ " where fulfilment_order_id = ? and to_status = 'READY_FOR_PICKUP'", recentId);

		assertThat(this.fulfilment.markUncollected(Duration.ofDays(7))).isGreaterThanOrEqualTo(1);
		assertThat(this.fulfilment.markUncollected(Duration.ofDays(7))).as("marked once").isZero();

		assertThat(this.fulfilment.detail(overdueId).orElseThrow().entry().status())
			.isEqualTo(FulfilmentStatus.NO_SHOW);
		assertThat(this.fulfilment.detail(overdueId).orElseThrow().history().getLast().actorName())
			.isEqualTo(Actor.SYSTEM.name());
		assertThat(this.fulfilment.detail(recentId).orElseThrow().entry().status())
			.isEqualTo(FulfilmentStatus.READY_FOR_PICKUP);
		awaitTakenBack(overdue);
		assertThat(this.jdbc.queryForObject("select status from orders where id = ?", String.class, recent.id()))
			.isEqualTo("PAID");
	}

	private UUID ready(Order order) {
		UUID id = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForList("select id from fulfilment_orders where order_id = ?", UUID.class,
					order.id()), found -> !found.isEmpty())
			.getFirst();
		this.fulfilment.move(id, FulfilmentStatus.PICKING, null, OPS);
		this.fulfilment.move(id, FulfilmentStatus.PACKED, null, OPS);
		this.fulfilment.move(id, FulfilmentStatus.READY_FOR_PICKUP, null, OPS);
		return id;
	}

	private void awaitTakenBack(Order order) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("select status from orders where id = ?", String.class, order.id()),
					"NO_SHOW"::equals);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Published {

		private final List<PickupNoShow> noShows = new CopyOnWriteArrayList<>();

		private final List<OrderCancelled> cancellations = new CopyOnWriteArrayList<>();

		@TransactionalEventListener
		void on(PickupNoShow event) {
			this.noShows.add(event);
		}

		@TransactionalEventListener
		void on(OrderCancelled event) {
			this.cancellations.add(event);
		}

		List<PickupNoShow> noShows() {
			return this.noShows;
		}

		List<OrderCancelled> cancellations() {
			return this.cancellations;
		}

		@Bean
		@Primary
		CountingPayments countingPayments() {
			return new CountingPayments();
		}

	}

	/** Approves the test card and counts refunds. */
	static class CountingPayments implements PaymentProvider {

		private final List<String> refunds = new CopyOnWriteArrayList<>();

		@Override
		public PaymentResult charge(Charge charge) {
			return new PaymentResult(true, "demo_" + charge.reservationId(), null);
		}

		@Override
		public void refund(String reference) {
			this.refunds.add(reference);
		}

		@Override
		public String name() {
			return "counting";
		}

		List<String> refunds() {
			return this.refunds;
		}

	}

}
