package io.microdrops.analytics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.analytics.AnalyticsDashboards.DropSummary;
import io.microdrops.analytics.AnalyticsDashboards.Funnel;
import io.microdrops.analytics.AnalyticsDashboards.Scope;
import io.microdrops.checkout.DropSoldOut;
import io.microdrops.checkout.Order;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropId;
import io.microdrops.fulfilment.PickupCollected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pickups come from fulfilment's handover event and the time to sell out from checkout's
 * sell-out event; each is recorded once, however often its event is delivered.
 */
class PickupsAndSellOutsIntegrationTests extends AnalyticsIntegrationTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	String community;

	String drop;

	String sku;

	Instant opensAt;

	@BeforeEach
	void oneDrop() {
		this.community = this.fixtures.community();
		this.sku = this.fixtures.sku();
		this.opensAt = START.plus(Duration.ofDays(120));
		this.drop = this.fixtures.drop(this.community, this.opensAt, AccessMode.FIRST_COME, this.sku);
	}

	@Test
	void aPickupHandedOverAtItsHubCountsOnceHoweverOftenItsEventArrives() {
		AccountId fan = this.fixtures.fan();
		Order order = this.fixtures.buys(fan, this.drop, this.sku, 1, AnalyticsFixtures.PICKUP);
		eventually(() -> funnel().pickupOrders(), 1);
		Instant handedOver = this.opensAt.plus(Duration.ofDays(2));
		PickupCollected collected = new PickupCollected(UUID.randomUUID(), order.id(), order.number(), fan,
				UUID.randomUUID(), handedOver);

		publish(collected);
		eventually(() -> funnel().pickedUp(), 1);
		// Redelivered, as after a crash before the listener completed, and a second time.
		// One after the other: each delivery is complete before the next arrives.
		publish(collected);
		eventually(() -> completedDeliveries(PickupCollected.class, order.id().toString()), 2);
		publish(collected);
		eventually(() -> completedDeliveries(PickupCollected.class, order.id().toString()), 3);

		assertThat(funnel().pickedUp()).isEqualTo(1);
		assertThat(this.engagements.pickedUp(order.id(), handedOver.plus(Duration.ofHours(1)))).isFalse();
		assertThat(this.jdbc.queryForObject("select picked_up_at from analytics_pickups where order_id = ?",
				Timestamp.class, order.id()))
			.isEqualTo(Timestamp.from(handedOver));
	}

	@Test
	void theTimeToSellOutIsWhenTheLastUnitWasClaimedEvenIfItsHoldIsNeverPaid() {
		// 20 units: six fans buy three each, the seventh holds the last two and never
		// pays.
		for (int fan = 0; fan < 6; fan++) {
			this.fixtures.buys(this.fixtures.fan(), this.drop, this.sku, 3, AnalyticsFixtures.SHIPPING);
		}
		this.fixtures.holds(this.fixtures.fan(), this.drop, this.sku, 2);
		eventually(this::soldOutPublished, true);
		DropSoldOut soldOut = soldOutEvent();
		assertThat(soldOut.soldOutAt()).isEqualTo(this.opensAt.plus(Duration.ofHours(1)));

		Duration expected = Duration.between(this.opensAt, soldOut.soldOutAt());
		eventually(() -> summary().timeToSellOut(), expected);
		assertThat(summary().units()).isEqualTo(18);
		assertThat(funnel().timeToSellOut()).isEqualTo(expected);
	}

	@Test
	void aRedeliveredOrLaterSellOutChangesNothing() {
		for (int fan = 0; fan < 6; fan++) {
			this.fixtures.holds(this.fixtures.fan(), this.drop, this.sku, 3);
		}
		this.fixtures.holds(this.fixtures.fan(), this.drop, this.sku, 2);
		eventually(this::soldOutPublished, true);
		DropSoldOut soldOut = soldOutEvent();
		Duration expected = Duration.between(this.opensAt, soldOut.soldOutAt());
		eventually(() -> summary().timeToSellOut(), expected);

		publish(soldOut);
		eventually(() -> completedDeliveries(DropSoldOut.class, soldOut.drop().value().toString()), 2);
		publish(new DropSoldOut(soldOut.drop(), soldOut.soldOutAt().plus(Duration.ofHours(5))));
		eventually(() -> completedDeliveries(DropSoldOut.class, soldOut.drop().value().toString()), 3);

		assertThat(this.engagements.soldOut(new DropId(this.fixtures.dropId(this.drop)), Instant.now())).isFalse();
		assertThat(summary().timeToSellOut()).isEqualTo(expected);
		assertThat(this.jdbc.queryForObject("select count(*) from analytics_sell_outs where drop_id = ?", Integer.class,
				soldOut.drop().value()))
			.isEqualTo(1);

		this.history.rebuild();

		assertThat(summary().timeToSellOut()).isEqualTo(expected);
	}

	private boolean soldOutPublished() {
		return this.published.of(DropSoldOut.class)
			.stream()
			.anyMatch(event -> event.drop().value().equals(this.fixtures.dropId(this.drop)));
	}

	private DropSoldOut soldOutEvent() {
		return this.published.of(DropSoldOut.class)
			.stream()
			.filter(event -> event.drop().value().equals(this.fixtures.dropId(this.drop)))
			.findFirst()
			.orElseThrow();
	}

	/** Through the event publication registry, as the shop publishes them. */
	private void publish(Object event) {
		new TransactionTemplate(this.transactionManager)
			.executeWithoutResult(status -> this.events.publishEvent(event));
	}

	private int completedDeliveries(Class<?> event, String mentioning) {
		return this.jdbc.queryForObject("""
				select count(*) from event_publication
				where listener_id like '%EngagementListeners%' and event_type = ? and serialized_event like ?
				  and completion_date is not null
				""", Integer.class, event.getName(), "%" + mentioning + "%");
	}

	private Funnel funnel() {
		return this.dashboards.funnel(this.drop).orElseThrow();
	}

	private DropSummary summary() {
		return this.dashboards.drops(new Scope(this.community, Period.ALL))
			.stream()
			.filter(summary -> summary.slug().equals(this.drop))
			.findFirst()
			.orElseThrow();
	}

}
