package io.microdrops.fulfilment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderPlaced;
import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@Import({ FulfilmentFixtures.class, FulfilmentOrderIntegrationTests.Published.class })
class FulfilmentOrderIntegrationTests {

	static final Actor OPS = new Actor(null, "Oli Ops");

	@Autowired
	FulfilmentFixtures fixtures;

	@Autowired
	FulfilmentManagement fulfilment;

	@Autowired
	FulfilmentIntake intake;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Published published;

	@Test
	void turnsAPlacedOrderIntoOnePendingFulfilmentOrderWithAPickupCode() {
		String drop = this.fixtures.openDrop(5, 1);
		Hub hub = this.fixtures.hub(10, null);
		AccountId fan = this.fixtures.fan();

		Order order = this.fixtures.buy(drop, fan, FulfilmentFixtures.pickup(hub));

		FanFulfilment seen = awaitFulfilment(order, fan);
		assertThat(seen.status()).isEqualTo(FulfilmentStatus.PENDING);
		assertThat(seen.hubName()).isEqualTo(hub.name());
		assertThat(seen.day()).isNotNull();
		assertThat(seen.slotStarts()).isBefore(seen.slotEnds());
		assertThat(seen.pickupCode()).matches("[ACDEFGHJKMNPQRTUVWXY34679]{6}");
		assertThat(history(order)).containsExactly("null>PENDING by Drops");
	}

	@Test
	void aRedeliveredOrderPlacedEventChangesNothing() throws Exception {
		String drop = this.fixtures.openDrop(5, 1);
		Hub hub = this.fixtures.hub(10, null);
		AccountId fan = this.fixtures.fan();
		Order order = this.fixtures.buy(drop, fan, FulfilmentFixtures.pickup(hub));
		FanFulfilment first = awaitFulfilment(order, fan);
		OrderPlaced event = this.published.of(order.id());

		// Delivered again through the registry, as after a crash before completion ...
		this.jdbc.update("update event_publication set completion_date = null where listener_id like ? "
				+ "and serialized_event like ?", "%FulfilmentIntake%", "%" + order.id() + "%");
		this.incomplete
			.resubmitIncompletePublications(publication -> publication.getEvent() instanceof OrderPlaced placed
					&& placed.order().equals(order.id()));
		// ... and several times at once, straight to the listener.
		Concurrently.run(5, attempt -> {
			this.intake.on(event);
			return null;
		});

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject(
					"select count(*) from event_publication where serialized_event like ? and completion_date is null",
					Long.class, "%" + order.id() + "%") == 0);
		assertThat(this.jdbc.queryForObject("select count(*) from fulfilment_orders where order_id = ?", Long.class,
				order.id()))
			.isEqualTo(1);
		assertThat(this.fulfilment.forFan(order.id(), fan)).contains(first);
		assertThat(history(order)).hasSize(1);
	}

	@Test
	void movesAPickupThroughItsJourneyRecordingWhoAndWhen() {
		String drop = this.fixtures.openDrop(5, 1);
		Hub hub = this.fixtures.hub(10, null);
		AccountId fan = this.fixtures.fan();
		Order order = this.fixtures.buy(drop, fan, FulfilmentFixtures.pickup(hub));
		String code = awaitFulfilment(order, fan).pickupCode();
		UUID id = id(order);

		this.fulfilment.move(id, FulfilmentStatus.PICKING, null, OPS);
		this.fulfilment.move(id, FulfilmentStatus.PACKED, null, OPS);
		this.fulfilment.move(id, FulfilmentStatus.READY_FOR_PICKUP, null, OPS);
		Handover handover = this.fulfilment.handOver(hub.slug(), code.toLowerCase(), OPS);

		assertThat(handover.entry().status()).isEqualTo(FulfilmentStatus.COLLECTED);
		assertThat(history(order)).containsExactly("null>PENDING by Drops", "PENDING>PICKING by Oli Ops",
				"PICKING>PACKED by Oli Ops", "PACKED>READY_FOR_PICKUP by Oli Ops",
				"READY_FOR_PICKUP>COLLECTED by Oli Ops");
		assertThat(this.published.ready()).anyMatch(ready -> ready.order().equals(order.id())
				&& ready.pickupCode().equals(code) && ready.fan().equals(fan));
		assertThat(this.published.collected()).filteredOn(collected -> collected.order().equals(order.id()))
			.singleElement()
			.satisfies(collected -> {
				assertThat(collected.fulfilmentOrder()).isEqualTo(id);
				assertThat(collected.fan()).isEqualTo(fan);
				assertThat(collected.hub()).isEqualTo(hub.id());
				assertThat(collected.collectedAt()).isNotNull();
			});
	}

	@Test
	void refusesMovesTheRulesDoNotAllow() {
		String drop = this.fixtures.openDrop(5, 1);
		Hub hub = this.fixtures.hub(10, null);
		AccountId fan = this.fixtures.fan();
		Order pickup = this.fixtures.buy(drop, fan, FulfilmentFixtures.pickup(hub));
		Order shipped = this.fixtures.buy(drop, this.fixtures.fan(),
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Vinyl Lane, Leeds LS1 4AB"));
		awaitFulfilment(pickup, fan);
		UUID id = id(pickup);

		assertRefused(() -> this.fulfilment.move(id, FulfilmentStatus.PACKED, null, OPS),
				"fulfilment.transition.not-allowed");
		this.fulfilment.move(id, FulfilmentStatus.PICKING, null, OPS);
		this.fulfilment.move(id, FulfilmentStatus.PACKED, null, OPS);
		assertRefused(() -> this.fulfilment.move(id, FulfilmentStatus.SHIPPED, "TRACK1", OPS),
				"fulfilment.transition.not-allowed");
		assertRefused(() -> this.fulfilment.move(id, FulfilmentStatus.OUT_FOR_DELIVERY, null, OPS),
				"fulfilment.transition.not-allowed");
		assertRefused(() -> this.fulfilment.move(id, FulfilmentStatus.CANCELLED, " ", OPS),
				"fulfilment.transition.reason-required");

		await().until(() -> this.jdbc.queryForObject("select count(*) from fulfilment_orders where order_id = ?",
				Long.class, shipped.id()) == 1);
		UUID shipment = id(shipped);
		this.fulfilment.moveAll(List.of(shipment), FulfilmentStatus.PICKING, OPS);
		this.fulfilment.moveAll(List.of(shipment), FulfilmentStatus.PACKED, OPS);
		assertRefused(() -> this.fulfilment.move(shipment, FulfilmentStatus.SHIPPED, "", OPS),
				"fulfilment.transition.tracking-required");
		assertThat(this.fulfilment.move(shipment, FulfilmentStatus.SHIPPED, "RM123456789GB", OPS).trackingNumber())
			.isEqualTo("RM123456789GB");
		this.fulfilment.move(shipment, FulfilmentStatus.DELIVERED, null, OPS);
		assertRefused(() -> this.fulfilment.move(shipment, FulfilmentStatus.CANCELLED, "Too late", OPS),
				"fulfilment.transition.not-allowed");
		assertThat(this.jdbc.queryForObject("select status from fulfilment_orders where id = ?", String.class, id))
			.isEqualTo("PACKED");
	}

	@Test
	void aPickupCodeWorksOnceAtItsOwnHubWhenTheOrderIsReady() throws Exception {
		String drop = this.fixtures.openDrop(5, 1);
		Hub hub = this.fixtures.hub(10, null);
		Hub otherHub = this.fixtures.hub(10, null);
		AccountId fan = this.fixtures.fan();
		Order order = this.fixtures.buy(drop, fan, FulfilmentFixtures.pickup(hub));
		String code = awaitFulfilment(order, fan).pickupCode();
		UUID id = id(order);

		assertRefused(() -> this.fulfilment.handOver(hub.slug(), code, OPS), "fulfilment.handover.not-ready");
		this.fulfilment.moveAll(List.of(id), FulfilmentStatus.PICKING, OPS);
		this.fulfilment.moveAll(List.of(id), FulfilmentStatus.PACKED, OPS);
		this.fulfilment.moveAll(List.of(id), FulfilmentStatus.READY_FOR_PICKUP, OPS);
		assertRefused(() -> this.fulfilment.handOver(hub.slug(), "ZZZZZZ", OPS), "fulfilment.handover.wrong-code");
		assertRefused(() -> this.fulfilment.handOver(otherHub.slug(), code, OPS), "fulfilment.handover.other-hub");

		List<String> outcomes = Concurrently.run(4, attempt -> {
			try {
				return this.fulfilment.handOver(hub.slug(), code, OPS).entry().status().name();
			}
			catch (TransitionRefusedException ex) {
				return ex.messageKey();
			}
		});

		assertThat(outcomes).containsOnlyOnce("COLLECTED");
		assertThat(outcomes).filteredOn(outcome -> !outcome.equals("COLLECTED"))
			.containsOnly("fulfilment.handover.used");
		assertRefused(() -> this.fulfilment.handOver(hub.slug(), code, OPS), "fulfilment.handover.used");
		assertThat(history(order)).filteredOn(change -> change.startsWith("READY_FOR_PICKUP>COLLECTED")).hasSize(1);
		assertThat(this.published.collected()).filteredOn(collected -> collected.order().equals(order.id())).hasSize(1);
	}

	@Test
	void cancellingAPickupGivesItsPlaceOnTheDayBack() {
		String drop = this.fixtures.openDrop(5, 1);
		Hub hub = this.fixtures.hub(1, null);
		AccountId fan = this.fixtures.fan();
		Order order = this.fixtures.buy(drop, fan, FulfilmentFixtures.pickup(hub));
		FanFulfilment booked = awaitFulfilment(order, fan);

		this.fulfilment.move(id(order), FulfilmentStatus.CANCELLED, "Fan asked to cancel", OPS);

		assertThat(this.jdbc.queryForObject("select taken from hub_pickup_days where hub_id = ? and day = ?",
				Integer.class, hub.id(), java.sql.Date.valueOf(booked.day())))
			.isZero();
		assertThat(this.fulfilment.forFan(order.id(), fan))
			.hasValueSatisfying(after -> assertThat(after.cancelReason()).isEqualTo("Fan asked to cancel"));
	}

	private FanFulfilment awaitFulfilment(Order order, AccountId fan) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.fulfilment.forFan(order.id(), fan), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private UUID id(Order order) {
		return this.jdbc.queryForObject("select id from fulfilment_orders where order_id = ?", UUID.class, order.id());
	}

	private List<String> history(Order order) {
		return this.fulfilment.detail(id(order))
			.orElseThrow()
			.history()
			.stream()
			.map(change -> change.from() + ">" + change.to() + " by " + change.actorName())
			.toList();
	}

	private static void assertRefused(Runnable action, String messageKey) {
		assertThatExceptionOfType(TransitionRefusedException.class).isThrownBy(action::run)
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo(messageKey));
	}

	@TestConfiguration
	static class Published {

		private final Map<UUID, OrderPlaced> placed = new java.util.concurrent.ConcurrentHashMap<>();

		private final List<PickupReady> ready = new CopyOnWriteArrayList<>();

		private final List<PickupCollected> collected = new CopyOnWriteArrayList<>();

		@EventListener
		void on(OrderPlaced event) {
			this.placed.put(event.order(), event);
		}

		@EventListener
		void on(PickupReady event) {
			this.ready.add(event);
		}

		@EventListener
		void on(PickupCollected event) {
			this.collected.add(event);
		}

		List<PickupCollected> collected() {
			return this.collected;
		}

		OrderPlaced of(UUID order) {
			return this.placed.get(order);
		}

		List<PickupReady> ready() {
			return this.ready;
		}

	}

}
