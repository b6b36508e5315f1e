package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.DropState;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.Concurrently;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@Import(CheckoutIntegrationTests.ExpiredEvents.class)
class CheckoutIntegrationTests {

	private static final Log logger = LogFactory.getLog(CheckoutIntegrationTests.class);

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
	ExpiredEvents expiredEvents;

	@Test
	void givesFiftyUnitsToExactlyFiftyOfFiveHundredFansEveryTime() throws Exception {
		List<AccountId> fans = fans(500);
		List<Long> millis = new ArrayList<>();
		for (int round = 1; round <= 20; round++) {
			String drop = openDrop(AccessMode.FIRST_COME, 50, 1);
			long started = System.nanoTime();
			List<Object> outcomes = Concurrently.run(fans.size(), i -> reserve(drop, fans.get(i), 1, null));
			millis.add((System.nanoTime() - started) / 1_000_000);

			List<Reservation> holds = outcomes.stream()
				.filter(Reservation.class::isInstance)
				.map(Reservation.class::cast)
				.toList();
			assertThat(holds).hasSize(50);
			assertThat(holds.stream().flatMap(hold -> hold.editions().stream()).sorted().toList())
				.isEqualTo(IntStream.rangeClosed(1, 50).boxed().toList());
			assertThat(outcomes).filteredOn(Reason.class::isInstance).containsOnly(Reason.SOLD_OUT).hasSize(450);
			assertThat(heldPlusSold(drop)).isEqualTo(50);
			assertThat(this.drops.view(drop).state()).isEqualTo(DropState.SOLD_OUT);
		}
		logger.info("500 fans for 50 units, 20 rounds, milliseconds per round: " + millis);
	}

	@Test
	void holdsAtMostTheLimitForOneFanFiringTwentyRequestsAtOnce() throws Exception {
		String drop = openDrop(AccessMode.FIRST_COME, 100, 2);
		AccountId fan = fans(1).getFirst();

		List<Object> outcomes = Concurrently.run(20, i -> reserve(drop, fan, 1, null));

		assertThat(outcomes).filteredOn(Reservation.class::isInstance).hasSize(2);
		assertThat(outcomes).filteredOn(Reason.class::isInstance).containsOnly(Reason.OVER_LIMIT);
		assertThat(heldPlusSold(drop)).isEqualTo(2);
		assertThat(reserveOutcome(drop, fan, 3, null)).isEqualTo(Reason.OVER_LIMIT);
	}

	@Test
	void answersFiftyRetriesOfOneKeyWithOneAndTheSameHold() throws Exception {
		String drop = openDrop(AccessMode.FIRST_COME, 100, 5);
		AccountId fan = fans(1).getFirst();
		String key = UUID.randomUUID().toString();

		List<Object> outcomes = Concurrently.run(50, i -> reserve(drop, fan, 2, key));

		assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Reservation.class));
		assertThat(outcomes.stream().map(outcome -> ((Reservation) outcome).id()).distinct()).hasSize(1);
		assertThat(outcomes.stream().map(outcome -> ((Reservation) outcome).editions()).distinct()).hasSize(1);
		assertThat(outcomes.stream().distinct()).as("every answer identical, expiry included").hasSize(1);
		assertThat(heldPlusSold(drop)).isEqualTo(2);
		assertThat(reserveOutcome(drop, fan, 3, key)).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED);
	}

	@Test
	void releasesEveryExpiredHoldExactlyOnceWithTwoSweepersWhileFansKeepReserving() throws Exception {
		String drop = openDrop(AccessMode.FIRST_COME, 60, 1);
		List<AccountId> fans = fans(120);
		for (int i = 0; i < 40; i++) {
			this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fans.get(i), null));
		}
		List<UUID> expired = this.jdbc.queryForList("update reservations set expires_at = now() - interval '1 second' "
				+ "where drop_item_id = ? returning id", UUID.class, itemOf(drop));
		this.expiredEvents.clear();

		List<Object> outcomes = Concurrently.run(82, i -> {
			if (i < 2) {
				int released = 0;
				for (int batch = 0; batch < 10; batch++) {
					released += this.checkout.releaseExpired(7);
				}
				return released;
			}
			return reserve(drop, fans.get(40 + i - 2), 1, null);
		});

		int releasedBySweepers = outcomes.subList(0, 2).stream().mapToInt(Integer.class::cast).sum();
		assertThat(releasedBySweepers).isEqualTo(40);
		assertThat(this.expiredEvents.reservations()).containsExactlyInAnyOrderElementsOf(expired);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from reservations where drop_item_id = ? and status = " + "'EXPIRED'", Long.class,
				itemOf(drop)))
			.isEqualTo(40);
		assertThat(heldPlusSold(drop)).isLessThanOrEqualTo(60);
		assertThat(this.jdbc.queryForObject("select count(distinct edition) = count(*) from drop_units "
				+ "where drop_item_id = ? and reservation_id is not null", Boolean.class, itemOf(drop)))
			.isTrue();
	}

	@Test
	void freesUnitsAtOnceWhenAFanGivesTheirHoldBack() {
		String drop = openDrop(AccessMode.FIRST_COME, 1, 1);
		List<AccountId> fans = fans(2);
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fans.get(0), null));
		assertThat(reserveOutcome(drop, fans.get(1), 1, null)).isEqualTo(Reason.SOLD_OUT);

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.release(hold.id(), fans.get(1)))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.NOT_FOUND));
		this.checkout.release(hold.id(), fans.get(0));

		assertThat(reserveOutcome(drop, fans.get(1), 1, null)).isInstanceOf(Reservation.class);
		assertThat(this.checkout.find(hold.id(), fans.get(0)))
			.hasValueSatisfying(released -> assertThat(released.status()).isEqualTo(Reservation.Status.RELEASED));
		// Sent again (its first answer lost): the same outcome, nothing freed twice.
		this.checkout.release(hold.id(), fans.get(0));
		assertThat(reserveOutcome(drop, fans.get(0), 1, null)).as("the unit is the other fan's now")
			.isEqualTo(Reason.SOLD_OUT);
		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.release(hold.id(), fans.get(1)))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.NOT_FOUND));
	}

	@Test
	void refusesAFanWhoIsNotOnTheWaitlistOfAWaitlistOnlyDrop() {
		String drop = openDrop(AccessMode.WAITLIST_ONLY, 10, 1);
		assertThat(reserveOutcome(drop, fans(1).getFirst(), 1, null)).isEqualTo(Reason.NOT_OPEN_TO_FAN);
		assertThat(heldPlusSold(drop)).isZero();
	}

	@Test
	void tellsAFanWhoReservesFromADropThatClosedThatItIsOverNotThatItIsNotOpenYet() {
		String drop = openDrop(AccessMode.FIRST_COME, 10, 1);
		List<AccountId> fans = fans(2);
		this.drops.closeEarly(drop);

		assertThat(reserveOutcome(drop, fans.get(0), 1, null)).isEqualTo(Reason.DROP_CLOSED);
		assertThat(reserveOutcome(drop, fans.get(1), 1, "closed-key")).isEqualTo(Reason.DROP_CLOSED);
		assertThat(reserveOutcome(drop, fans.get(1), 1, "closed-key")).as("a retry gets the first answer")
			.isEqualTo(Reason.DROP_CLOSED);
		assertThat(this.jdbc.queryForList(
				"select refusal from checkout_idempotency where account_id = ? and idempotency_key = 'closed-key'",
				String.class, fans.get(1).value()))
			.as("kept for the key")
			.containsExactly("DROP_CLOSED");
		assertThat(heldPlusSold(drop)).isZero();
	}

	@Test
	void tellsAFanAskingForMoreThanIsLeftThatFewerAreLeftNotThatItIsSoldOut() {
		String drop = openDrop(AccessMode.FIRST_COME, 3, 2);
		List<AccountId> fans = fans(2);
		this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, fans.get(0), null));

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, fans.get(1), "two")))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.NOT_ENOUGH_LEFT);
				assertThat(ex.getMessage()).isEqualTo("1");
			});
		// Kept for its key; nothing held by the refusal, so the one left is still there.
		assertThat(reserveOutcome(drop, fans.get(1), 2, "two")).isEqualTo(Reason.NOT_ENOUGH_LEFT);
		assertThat(reserveOutcome(drop, fans.get(1), 1, null)).isInstanceOf(Reservation.class);
		assertThat(reserveOutcome(drop, fans.get(1), 1, null)).isEqualTo(Reason.SOLD_OUT);
	}

	@Test
	void showsTheRealRemainingStockOnTheDrop() {
		String drop = openDrop(AccessMode.FIRST_COME, 5, 3);
		this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 3, fans(1).getFirst(), null));

		assertThat(this.drops.view(drop).items().getFirst().remaining()).isEqualTo(2);
		assertThat(this.drops.view(drop).state()).isEqualTo(DropState.LIVE);
	}

	private Object reserve(String drop, AccountId fan, int quantity, String key) {
		return reserveOutcome(drop, fan, quantity, key);
	}

	private Object reserveOutcome(String drop, AccountId fan, int quantity, String key) {
		try {
			return this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, quantity, fan, key));
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	private String openDrop(AccessMode mode, int quantity, int perFanLimit) {
		String slug = "co-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("Checkout " + slug, "Checkout tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Unit", Money.of(1500, "EUR"), quantity, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), mode,
						new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofMinutes(1)),
								now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), quantity, perFanLimit))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	private List<AccountId> fans(int count) {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		// Direct inserts: hashing hundreds of passwords would only slow the test down.
		List<UUID> ids = this.jdbc.queryForList(
				"""
						insert into accounts (id, email, display_name, password_hash, enabled, created_at)
						select gen_random_uuid(), 'fan-' || g || '-' || ? || '@example.com', 'Fan ' || g, '{noop}unused', true, now()
						from generate_series(1, ?) g returning id
						""",
				UUID.class, batch, count);
		this.jdbc.batchUpdate("insert into account_roles (account_id, role) values (?, 'FAN')",
				ids.stream().map(id -> new Object[] { id }).toList());
		return ids.stream().map(AccountId::new).toList();
	}

	private UUID itemOf(String drop) {
		return this.jdbc.queryForObject(
				"select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?", UUID.class, drop);
	}

	private long heldPlusSold(String drop) {
		return this.jdbc.queryForObject(
				"select count(*) from drop_units where drop_item_id = ? and reservation_id " + "is not null",
				Long.class, itemOf(drop));
	}

	@TestConfiguration
	static class ExpiredEvents {

		private final List<UUID> reservations = new CopyOnWriteArrayList<>();

		@EventListener
		void on(ReservationExpired event) {
			this.reservations.add(event.reservation());
		}

		List<UUID> reservations() {
			return Collections.unmodifiableList(this.reservations);
		}

		void clear() {
			this.reservations.clear();
		}

		@Bean
		String expiredEventsMarker() {
			return "expired events";
		}

	}

}
