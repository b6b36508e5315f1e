package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * DropSoldOut and ReservationExpired: published when they happen, once, and through
 * Spring Modulith's event publication registry, so a listener in another module gets each
 * of them even across a crash.
 */
@SpringBootTest
@Import(CheckoutEventsIntegrationTests.Listeners.class)
class CheckoutEventsIntegrationTests {

	@Autowired
	Checkout checkout;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Listeners listeners;

	CheckoutFixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
	}

	@Test
	void publishesDropSoldOutOnceThroughTheRegistryWhenTheLastUnitGoesInARush() throws Exception {
		String drop = this.fixtures.openDrop(30, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(120);
		Instant before = Instant.now();

		List<Object> outcomes = Concurrently.run(fans.size(), i -> reserve(drop, fans.get(i)));

		assertThat(outcomes).filteredOn(Reservation.class::isInstance).hasSize(30);
		DropId id = this.fixtures.idOf(drop);
		List<DropSoldOut> soldOut = this.listeners.soldOut(id);
		assertThat(soldOut).hasSize(1);
		assertThat(soldOut.getFirst().soldOutAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
		awaitCompletedPublications(DropSoldOut.class, id.value(), 1);
		assertThat(this.listeners.viaRegistry()).contains(soldOut.getFirst());
		assertThat(this.drops.view(drop).state()).isEqualTo(DropState.SOLD_OUT);
	}

	@Test
	void goesLiveAgainWhenHoldsExpireAndDoesNotAnnounceTheSecondSellOut() throws Exception {
		String drop = this.fixtures.openDrop(3, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(6);
		for (int i = 0; i < 3; i++) {
			this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(i), null));
		}
		assertThat(this.drops.view(drop).state()).isEqualTo(DropState.SOLD_OUT);
		List<UUID> expired = this.fixtures.expireHolds(drop);

		assertThat(this.checkout.releaseExpired(100)).isGreaterThanOrEqualTo(3);

		assertThat(this.drops.view(drop).state()).isEqualTo(DropState.LIVE);
		assertThat(this.drops.view(drop).items().getFirst().remaining()).isEqualTo(3);
		for (UUID reservation : expired) {
			awaitCompletedPublications(ReservationExpired.class, reservation, 1);
		}
		for (int i = 3; i < 6; i++) {
			this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(i), null));
		}
		assertThat(this.drops.view(drop).state()).isEqualTo(DropState.SOLD_OUT);
		assertThat(this.listeners.soldOut(this.fixtures.idOf(drop))).hasSize(1);
	}

	@Test
	void noticesASellOutThatNoClaimSawOnTheNextSoldOutAnswer() {
		String drop = this.fixtures.openDrop(2, 1, 10, Instant.now());
		// As if the node that took the last unit stopped right after its commit.
		this.jdbc.update("update drop_units set reservation_id = gen_random_uuid() where drop_item_id = ?",
				this.fixtures.itemOf(drop));
		AccountId fan = this.fixtures.fans(1).getFirst();

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(CheckoutFixtures.one(drop, fan, null)))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.SOLD_OUT));
		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(CheckoutFixtures.one(drop, fan, null)));

		assertThat(this.listeners.soldOut(this.fixtures.idOf(drop))).hasSize(1);
	}

	@Test
	void publishesNothingWhileUnitsAreLeft() {
		String drop = this.fixtures.openDrop(3, 2, 10, Instant.now());
		this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, this.fixtures.fans(1).getFirst(), null));

		assertThat(this.listeners.soldOut(this.fixtures.idOf(drop))).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from drop_sell_outs where drop_id = ?", Long.class,
				this.fixtures.idOf(drop).value()))
			.isZero();
	}

	private Object reserve(String drop, AccountId fan) {
		try {
			return this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	/**
	 * Waits for the registry to record the listener's publications of an event about
	 * {@code id} as completed: listeners of the registry run after the commit, on their
	 * own thread.
	 */
	private void awaitCompletedPublications(Class<?> type, UUID id, int expected) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc.queryForObject("""
					select count(*) from event_publication
					where event_type = ? and serialized_event like ? and completion_date is not null
					  and listener_id like ?
					""", Long.class, type.getName(), "%" + id + "%", "%" + Listeners.class.getSimpleName() + "%"))
				.as("completed publications of %s about %s", type.getSimpleName(), id)
				.isEqualTo(expected));
	}

	@TestConfiguration
	static class Listeners {

		private final List<DropSoldOut> soldOut = new CopyOnWriteArrayList<>();

		private final List<Object> viaRegistry = new CopyOnWriteArrayList<>();

		@EventListener
		void published(DropSoldOut event) {
			this.soldOut.add(event);
		}

		@ApplicationModuleListener
		void registered(DropSoldOut event) {
			this.viaRegistry.add(event);
		}

		@ApplicationModuleListener
		void registered(ReservationExpired event) {
			this.viaRegistry.add(event);
		}

		List<DropSoldOut> soldOut(DropId drop) {
			return this.soldOut.stream().filter(event -> event.drop().equals(drop)).toList();
		}

		List<Object> viaRegistry() {
			return this.viaRegistry;
		}

	}

}
