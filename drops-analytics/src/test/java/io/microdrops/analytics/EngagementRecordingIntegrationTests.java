package io.microdrops.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.analytics.AnalyticsDashboards.BlockExit;
import io.microdrops.analytics.AnalyticsDashboards.Funnel;
import io.microdrops.analytics.AnalyticsDashboards.Step;
import io.microdrops.analytics.AnalyticsDashboards.StoryFunnel;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.OrderPlaced;
import io.microdrops.checkout.ReservationPlaced;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropId;
import io.microdrops.testsupport.Concurrently;
import io.microdrops.waitlist.WaitlistJoined;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One drop's funnel, fed by the shop's own services and by page views, against the events
 * the shop published; and every fact recorded exactly once, however often it is
 * delivered.
 */
class EngagementRecordingIntegrationTests extends AnalyticsIntegrationTest {

	static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

	@Autowired
	CatalogManagement catalog;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	OrderManagement orders;

	String drop;

	String keycap;

	String deskmat;

	AccountId f1;

	AccountId f2;

	AccountId f3;

	Order pickupOrder;

	@BeforeEach
	void oneDrop() {
		String community = this.fixtures.community();
		this.keycap = this.fixtures.sku();
		this.deskmat = this.fixtures.sku();
		this.catalog.addText(this.keycap, "Cast by hand.");
		this.catalog.addText(this.keycap, "Two hundred this winter.");
		this.catalog.addText(this.deskmat, "900 × 400 mm.");
		this.catalog.addText(this.deskmat, "Stitched edges.");
		Instant opensAt = START.plus(Duration.ofDays(200));
		this.drop = this.fixtures.drop(community, opensAt, AccessMode.FIRST_COME, this.keycap, this.deskmat);
		this.f1 = this.fixtures.fan();
		this.f2 = this.fixtures.fan();
		this.f3 = this.fixtures.fan();

		this.clock.set(opensAt.minus(Duration.ofHours(20)));
		DropId id = new DropId(this.fixtures.dropId(this.drop));
		Visitor anonymous = new Visitor(null, "198.51.100.4", FIREFOX, false);
		Visitor other = new Visitor(null, "198.51.100.5", FIREFOX, false);
		Visitor fan = new Visitor(this.f1, "198.51.100.6", FIREFOX, false);
		assertThat(this.views.viewed(id, anonymous)).isTrue();
		assertThat(this.views.viewed(id, anonymous)).isTrue();
		assertThat(this.views.viewed(id, other)).isTrue();
		assertThat(this.views.viewed(id, fan)).isTrue();
		assertThat(this.views.viewed(id, new Visitor(null, "198.51.100.7", FIREFOX, true))).isFalse();
		assertThat(
				this.views.viewed(id,
						new Visitor(null, "198.51.100.8",
								"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", false)))
			.isFalse();
		assertThat(this.views.viewed(id, new Visitor(null, "198.51.100.9", null, false))).isFalse();
		this.views.flush();
		assertThat(this.views.lastInView(this.drop, this.deskmat, 1, anonymous)).isTrue();
		assertThat(this.views.lastInView(this.drop, this.keycap, 0, other)).isTrue();
		assertThat(this.views.lastInView(this.drop, this.keycap, 1, fan)).isTrue();
		// Not a block of that story, and a SKU that is not in the drop: ignored.
		assertThat(this.views.lastInView(this.drop, this.keycap, 7, other)).isTrue();
		assertThat(this.views.lastInView(this.drop, "no-such-sku", 0, other)).isTrue();
		this.views.flush();

		this.fixtures.joinsWaitlist(this.f1, this.drop);
		this.fixtures.joinsWaitlist(this.f2, this.drop);
		this.pickupOrder = this.fixtures.buys(this.f1, this.drop, this.keycap, 1, AnalyticsFixtures.PICKUP);
		this.fixtures.holds(this.f2, this.drop, this.deskmat, 1);
		this.fixtures.buys(this.f3, this.drop, this.keycap, 2, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(this.f3, this.drop, this.deskmat, 3, AnalyticsFixtures.SHIPPING);
		this.clock.set(opensAt.plus(Duration.ofDays(3)));
		eventually(() -> funnel().buyers(), 2);
		eventually(() -> funnel().reserved(), 3);
		eventually(() -> funnel().waitlisted(), 2);
	}

	@Test
	void theFunnelCountsWhatTheEventsSay() {
		UUID dropId = this.fixtures.dropId(this.drop);
		List<UUID> items = this.jdbc.queryForList("select id from drop_items where drop_id = ?", UUID.class, dropId);
		long waitlisted = this.published.of(WaitlistJoined.class)
			.stream()
			.filter(event -> event.dropId().value().equals(dropId))
			.map(WaitlistJoined::accountId)
			.distinct()
			.count();
		long reserved = this.published.of(ReservationPlaced.class)
			.stream()
			.filter(event -> items.contains(event.dropItem()))
			.map(ReservationPlaced::fan)
			.distinct()
			.count();
		List<OrderPlaced> orders = this.published.of(OrderPlaced.class)
			.stream()
			.filter(event -> items.contains(event.dropItem()))
			.toList();

		Funnel funnel = funnel();
		assertThat(funnel.steps()).extracting(Step::count)
			.containsExactly(3, (int) waitlisted, (int) reserved,
					(int) orders.stream().map(OrderPlaced::fan).distinct().count());
		assertThat(funnel.steps()).extracting(Step::count).containsExactly(3, 2, 3, 2);
		assertThat(funnel.steps()).extracting(Step::rate).containsExactly(null, 2.0 / 3, 1.5, 2.0 / 3);
		assertThat(funnel.units()).isEqualTo(orders.stream().mapToInt(order -> order.editions().size()).sum())
			.isEqualTo(6);
		assertThat(funnel.pickupOrders()).isEqualTo(1);
		assertThat(funnel.pickedUp()).isZero();
		assertThat(funnel.viewersReportingBlock()).isEqualTo(3);
		assertThat(funnel.stories()).extracting(StoryFunnel::sku).containsExactly(this.keycap, this.deskmat);
		StoryFunnel keycap = funnel.stories().get(0);
		assertThat(keycap.reached()).isEqualTo(3);
		assertThat(keycap.reserved()).isEqualTo(2);
		assertThat(keycap.buyers()).isEqualTo(2);
		assertThat(keycap.units()).isEqualTo(3);
		assertThat(keycap.blocks()).extracting(BlockExit::exits).containsExactly(1, 1);
		StoryFunnel deskmat = funnel.stories().get(1);
		assertThat(deskmat.reached()).isEqualTo(1);
		assertThat(deskmat.reserved()).isEqualTo(2);
		assertThat(deskmat.buyers()).isEqualTo(1);
		assertThat(deskmat.blocks()).extracting(BlockExit::exits).containsExactly(0, 1);
		assertThat(deskmat.blocks()).extracting(BlockExit::kind).containsExactly("TEXT", "TEXT");
	}

	@Test
	void aPickupCountsOnceAndOnlyForItsOrder() {
		assertThat(this.engagements.pickedUp(this.pickupOrder.id(), this.clock.instant())).isTrue();
		assertThat(this.engagements.pickedUp(this.pickupOrder.id(), this.clock.instant())).isFalse();

		assertThat(funnel().pickedUp()).isEqualTo(1);
	}

	@Test
	void aRedeliveredEventChangesNothing() {
		Funnel before = funnel();
		OrderPlaced order = this.published.of(OrderPlaced.class)
			.stream()
			.filter(event -> event.order().equals(this.pickupOrder.id()))
			.findFirst()
			.orElseThrow();
		ReservationPlaced hold = this.published.of(ReservationPlaced.class)
			.stream()
			.filter(event -> event.fan().equals(this.f2))
			.findFirst()
			.orElseThrow();
		WaitlistJoined joined = this.published.of(WaitlistJoined.class)
			.stream()
			.filter(event -> event.accountId().equals(this.f1))
			.findFirst()
			.orElseThrow();

		// Through the event publication registry, as a restart would redeliver them.
		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
			this.events.publishEvent(order);
			this.events.publishEvent(hold);
			this.events.publishEvent(joined);
		});
		eventually(() -> this.jdbc.queryForObject(
				"select count(*) from event_publication where serialized_event like ? and completion_date is not null",
				Integer.class, "%" + order.order() + "%"), 2);

		assertThat(this.engagements.orderPlaced(order.order())).isFalse();
		assertThat(this.engagements.reserved(hold.reservation())).isFalse();
		assertThat(this.engagements.joinedWaitlist(joined.dropId(), joined.accountId())).isFalse();
		assertThat(funnel()).isEqualTo(before);
	}

	@Test
	void anOrderDeliveredManyTimesAtOnceIsRecordedOnce() throws Exception {
		AccountId fan = this.fixtures.fan();
		Order order = this.fixtures.buys(fan, this.drop, this.deskmat, 1, AnalyticsFixtures.SHIPPING);

		List<Boolean> recorded = Concurrently.run(6, attempt -> this.engagements.orderPlaced(order.id()));

		assertThat(recorded.stream().filter(Boolean::booleanValue).count()).isLessThanOrEqualTo(1);
		eventually(() -> funnel().buyers(), 3);
		assertThat(funnel().units()).isEqualTo(7);
		assertThat(this.jdbc.queryForObject("select count(*) from analytics_orders where order_id = ?", Integer.class,
				order.id()))
			.isEqualTo(1);
	}

	@Test
	void anOrderTakenBackCountsAsNoSaleHoweverOftenItIsDelivered() {
		UUID dropId = this.fixtures.dropId(this.drop);

		assertThat(this.orders.takeBackCancelled(this.pickupOrder.id())).isTrue();

		eventually(() -> funnel().buyers(), 1);
		assertThat(this.engagements.orderReturned(this.pickupOrder.id())).as("once").isFalse();
		assertThat(this.engagements.orderPlaced(this.pickupOrder.id())).as("never recorded again").isFalse();
		Funnel after = funnel();
		assertThat(after.units()).isEqualTo(5);
		assertThat(after.pickupOrders()).isZero();
		assertThat(after.steps()).extracting(Step::count).containsExactly(3, 2, 3, 1);
		assertThat(this.jdbc.queryForObject("select revenue_minor from analytics_drop_totals where drop_id = ?",
				Long.class, dropId))
			.isEqualTo(this.jdbc.queryForObject(
					"select sum(o.total_minor) from orders o join drop_items i"
							+ " on i.id = o.drop_item_id where i.drop_id = ? and o.status = 'PAID'",
					Long.class, dropId));

		this.history.rebuild();

		assertThat(funnel()).isEqualTo(after);
	}

	@Test
	void rebuildingGivesTheSameFunnel() {
		this.engagements.pickedUp(this.pickupOrder.id(), this.clock.instant());
		Funnel before = funnel();

		this.history.rebuild();

		assertThat(funnel()).isEqualTo(before);
	}

	private Funnel funnel() {
		return this.dashboards.funnel(this.drop).orElseThrow();
	}

}
