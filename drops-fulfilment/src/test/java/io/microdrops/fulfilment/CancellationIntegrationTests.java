package io.microdrops.fulfilment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Order;
import io.microdrops.waitlist.WaitlistManagement;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders ops cancel: the order is taken back as a no-show's is, refunded once even when
 * the cancellation is delivered twice, its edition freed and offered to the next fan on
 * the drop's waitlist, recorded as coming from a cancellation.
 */
@SpringBootTest(
		properties = { "drops.second-chance.initial-delay=PT1H", "drops.fulfilment.no-show-initial-delay=PT1H" })
@Import({ FulfilmentFixtures.class, NoShowIntegrationTests.Published.class })
class CancellationIntegrationTests {

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
	NoShowIntegrationTests.Published published;

	@Autowired
	NoShowIntegrationTests.CountingPayments payments;

	@Autowired
	OrderTakeBacks takeBacks;

	@Test
	void aCancelledOrderIsRefundedOnceAndItsEditionOfferedToTheNextConfirmedWaitlistedFan() {
		String drop = this.fixtures.openDrop(1, 1);
		Hub hub = this.fixtures.hub(10, null);
		AccountId buyer = this.fixtures.fan();
		AccountId unconfirmed = this.fixtures.fan();
		this.jdbc.update("update accounts set email_confirmed_at = null where id = ?", unconfirmed.value());
		AccountId waiting = this.fixtures.fan();
		this.waitlists.join(drop, unconfirmed);
		this.waitlists.join(drop, waiting);
		Order order = this.fixtures.buy(drop, buyer, FulfilmentFixtures.pickup(hub));
		assertThat(order.editions()).containsExactly(1);
		UUID id = fulfilmentOrderOf(order);
		this.fulfilment.move(id, FulfilmentStatus.PICKING, null, OPS);

		FulfilmentEntry cancelled = this.fulfilment.move(id, FulfilmentStatus.CANCELLED, "Damaged in the hub", OPS);

		assertThat(cancelled.status()).isEqualTo(FulfilmentStatus.CANCELLED);
		OrderCancelled event = this.published.cancellations()
			.stream()
			.filter(published -> published.order().equals(order.id()))
			.reduce((a, b) -> {
				throw new AssertionError("published twice");
			})
			.orElseThrow();
		assertThat(event.fan()).isEqualTo(buyer);
		assertThat(event.reason()).isEqualTo("Damaged in the hub");
		assertThat(event.orderNumber()).isEqualTo(order.number());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("select status from orders where id = ?", String.class, order.id()),
					"CANCELLED"::equals);

		// The registry delivers again after a crash between the refund and its record.
		this.takeBacks.on(event);

		assertThat(this.payments.refunds()).containsOnlyOnce("demo_" + order.reservation());
		assertThat(this.jdbc.queryForObject("select payment_status from orders where id = ?", String.class, order.id()))
			.isEqualTo("REFUNDED");
		assertThat(this.jdbc.queryForObject("select count(*) from drop_units where drop_item_id = ? and sold",
				Long.class, this.fixtures.item(drop)))
			.isZero();
		assertThat(this.jdbc.queryForList(
				"select edition from drop_units where drop_item_id = ? and reservation_id is null order by edition",
				Integer.class, this.fixtures.item(drop)))
			.as("the same edition is free again")
			.containsExactly(1);
		assertThat(this.jdbc.queryForList("select account_id, cause from second_chance_offers where drop_item_id = ?",
				this.fixtures.item(drop)))
			.singleElement()
			.satisfies(offer -> {
				assertThat(offer.get("account_id")).isEqualTo(waiting.value());
				assertThat(offer.get("cause")).isEqualTo("CANCELLED");
			});
	}

	@Test
	void cancellingOneOrderFreesOnlyItsOwnEdition() {
		String drop = this.fixtures.openDrop(2, 1);
		Hub hub = this.fixtures.hub(10, null);
		Order kept = this.fixtures.buy(drop, this.fixtures.fan(), FulfilmentFixtures.pickup(hub));
		Order cancelled = this.fixtures.buy(drop, this.fixtures.fan(), FulfilmentFixtures.pickup(hub));

		this.fulfilment.move(fulfilmentOrderOf(cancelled), FulfilmentStatus.CANCELLED, "Address undeliverable", OPS);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("select status from orders where id = ?", String.class,
					cancelled.id()), "CANCELLED"::equals);
		assertThat(this.jdbc.queryForObject("select status from orders where id = ?", String.class, kept.id()))
			.isEqualTo("PAID");
		List<Integer> sold = this.jdbc.queryForList(
				"select edition from drop_units where drop_item_id = ? and sold order by edition", Integer.class,
				this.fixtures.item(drop));
		assertThat(sold).containsExactlyElementsOf(kept.editions());
	}

	private UUID fulfilmentOrderOf(Order order) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForList("select id from fulfilment_orders where order_id = ?", UUID.class,
					order.id()), found -> !found.isEmpty())
			.getFirst();
	}

}
