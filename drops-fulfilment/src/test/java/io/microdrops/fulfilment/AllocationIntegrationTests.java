package io.microdrops.fulfilment;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.FulfilmentRefusedException;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@Import(FulfilmentFixtures.class)
class AllocationIntegrationTests {

	@Autowired
	FulfilmentFixtures fixtures;

	@Autowired
	AllocationManagement allocations;

	@Autowired
	FulfilmentChoices choices;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aHubsAllocationIsNeverExceededByConcurrentCheckouts() throws Exception {
		String drop = this.fixtures.openDrop(20, 1);
		Hub manchester = this.fixtures.hub(100, null);
		Hub leeds = this.fixtures.hub(100, null);
		allocate(drop, Map.of(manchester.slug(), 3, leeds.slug(), 5));
		List<Hold> holds = holds(drop, 12);

		List<String> outcomes = Concurrently.run(holds.size(),
				index -> pay(holds.get(index), FulfilmentFixtures.pickup(manchester)));

		assertThat(outcomes).filteredOn("PAID"::equals).hasSize(3);
		assertThat(outcomes).filteredOn(outcome -> !outcome.equals("PAID"))
			.allMatch(outcome -> outcome.equals("fulfilment.refused.hub-no-units")
					|| outcome.equals("fulfilment.refused.hub-taken"));
		assertThat(paidThrough(drop, manchester)).isEqualTo(3);
		DropAllocation.Share share = this.allocations.allocationOf(drop).items().getFirst().share(manchester.slug());
		assertThat(share.taken()).isEqualTo(3);
		assertThat(share.left()).isZero();
		// The hub is no longer offered; the other hub and shipping still are.
		var offered = this.choices.choicesFor(this.fixtures.item(drop), 1);
		assertThat(offered.pickupHubs()).extracting(hub -> hub.hub().slug())
			.doesNotContain(manchester.slug())
			.contains(leeds.slug());
		assertThat(offered.shipping()).isTrue();
	}

	@Test
	void shippingGetsOnlyTheUnitsNoHubWasGiven() {
		String drop = this.fixtures.openDrop(4, 1);
		Hub hub = this.fixtures.hub(100, null);
		allocate(drop, Map.of(hub.slug(), 3));
		Fulfilment shipping = new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Vinyl Lane, Leeds LS1 4AB");

		this.fixtures.buy(drop, this.fixtures.fan(), shipping);

		AccountId late = this.fixtures.fan();
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> this.fixtures.buy(drop, late, shipping))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.shipping-no-units"));
		assertThat(this.choices.choicesFor(this.fixtures.item(drop), 1).shipping()).isFalse();
	}

	@Test
	void aPickupDaysCapacityIsNeverExceededByConcurrentCheckouts() throws Exception {
		String drop = this.fixtures.openDrop(20, 1);
		Hub hub = this.fixtures.hub(4, null);
		LocalDate day = this.choices.choicesFor(this.fixtures.item(drop), 1)
			.pickupHubs()
			.stream()
			.filter(offered -> offered.hub().slug().equals(hub.slug()))
			.findFirst()
			.orElseThrow()
			.days()
			.getFirst()
			.day();
		Fulfilment sameDay = new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null, null, null, null, day, null);
		List<Hold> holds = holds(drop, 10);

		List<String> outcomes = Concurrently.run(holds.size(), index -> pay(holds.get(index), sameDay));

		assertThat(outcomes).filteredOn("PAID"::equals).hasSize(4);
		assertThat(outcomes).filteredOn(outcome -> !outcome.equals("PAID"))
			.allMatch(outcome -> outcome.equals("fulfilment.refused.day-full")
					|| outcome.equals("fulfilment.refused.day-taken"));
		assertThat(this.jdbc.queryForObject("select taken from hub_pickup_days where hub_id = ? and day = ?",
				Integer.class, hub.id(), java.sql.Date.valueOf(day)))
			.isEqualTo(4);
		// Refused fans keep their holds and were not charged: they can choose again.
		assertThat(this.jdbc.queryForObject("select count(*) from reservations where id = any(?) and status = 'HELD'",
				Long.class, (Object) holds.stream().map(hold -> hold.reservation().id()).toArray(UUID[]::new)))
			.isEqualTo(6);
	}

	@Test
	void refusesAnAllocationOfMoreUnitsThanReleasedOrBelowWhatWasSold() {
		String drop = this.fixtures.openDrop(10, 1);
		Hub hub = this.fixtures.hub(100, null);
		Hub other = this.fixtures.hub(100, null);

		assertThatExceptionOfType(AllocationRefusedException.class)
			.isThrownBy(() -> allocate(drop, Map.of(hub.slug(), 6, other.slug(), 5)))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("allocation.refused.too-many"));
		allocate(drop, Map.of(hub.slug(), 2));
		this.fixtures.buy(drop, this.fixtures.fan(), FulfilmentFixtures.pickup(hub));
		assertThatExceptionOfType(AllocationRefusedException.class)
			.isThrownBy(() -> allocate(drop, Map.of(hub.slug(), 0)))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("allocation.refused.below-taken"));
		Map<String, Integer> none = new HashMap<>();
		none.put(hub.slug(), null);
		assertThatExceptionOfType(AllocationRefusedException.class).isThrownBy(() -> allocate(drop, none))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("allocation.refused.sold-under-split"));
		DropAllocation.Item item = this.allocations.allocationOf(drop).items().getFirst();
		assertThat(item.shared()).isFalse();
		assertThat(item.share(hub.slug()).units()).isEqualTo(2);
		assertThat(item.shippingUnits()).isEqualTo(8);
	}

	@Test
	void aSharedItemOffersEveryActiveHubWithCapacity() {
		String drop = this.fixtures.openDrop(10, 1);
		Hub open = this.fixtures.hub(5, null);
		Hub full = this.fixtures.hub(0, null);

		var offered = this.choices.choicesFor(this.fixtures.item(drop), 1);

		assertThat(offered.pickupHubs()).extracting(hub -> hub.hub().slug())
			.contains(open.slug())
			.doesNotContain(full.slug());
		assertThat(offered.pickupHubs()).filteredOn(hub -> hub.hub().slug().equals(open.slug()))
			.singleElement()
			.satisfies(hub -> {
				assertThat(hub.unitsLeft()).isNull();
				assertThat(hub.days()).isNotEmpty().allSatisfy(day -> assertThat(day.pickupsLeft()).isEqualTo(5));
			});
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> this.fixtures.buy(drop, this.fixtures.fan(), FulfilmentFixtures.pickup(full)))
			.satisfies(ex -> {
				assertThat(ex.field()).isEqualTo("hub");
				assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.hub-full");
			});
	}

	@Test
	void localDeliveryGoesToTheHubWhoseAreaHoldsThePostcode() {
		String drop = this.fixtures.openDrop(10, 1);
		Hub leeds = this.fixtures.hub(5, "LS1, LS6");
		AccountId fan = this.fixtures.fan();

		var order = this.fixtures.buy(drop, fan, new Fulfilment(Fulfilment.Method.LOCAL_DELIVERY, null,
				"4 Hyde Park Road, Leeds", "ls6 1aa", null, null, null, null));

		assertThat(this.jdbc.queryForObject("select fulfilment_address from orders where id = ?", String.class,
				order.id()))
			.isEqualTo("4 Hyde Park Road, Leeds");
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(
					() -> this.fixtures
						.buy(drop, this.fixtures.fan(),
								new Fulfilment(Fulfilment.Method.LOCAL_DELIVERY, leeds.slug(), "1 Far Away", "ZZ9 9ZZ",
										null, null, null, null)))
			.satisfies(ex -> {
				assertThat(ex.field()).isEqualTo("postcode");
				assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.outside-area");
			});
	}

	private void allocate(String drop, Map<String, Integer> units) {
		this.allocations.allocate(drop, this.fixtures.item(drop), units);
	}

	private List<Hold> holds(String drop, int count) {
		return java.util.stream.IntStream.range(0, count).mapToObj(index -> {
			AccountId fan = this.fixtures.fan();
			return new Hold(fan, this.fixtures.reserve(drop, fan, 1));
		}).toList();
	}

	private String pay(Hold hold, Fulfilment fulfilment) {
		try {
			this.fixtures.orders
				.placeOrder(new PlaceOrder(hold.reservation().id(), hold.fan(), FulfilmentFixtures.CARD, fulfilment));
			return "PAID";
		}
		catch (FulfilmentRefusedException ex) {
			return ex.messageKey();
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason().name();
		}
	}

	private long paidThrough(String drop, Hub hub) {
		return this.jdbc.queryForObject(
				"""
						select count(*) from orders o join drop_items i on i.id = o.drop_item_id join drops d on d.id = i.drop_id
						where d.slug = ? and o.fulfilment_hub = ?
						""",
				Long.class, drop, hub.slug());
	}

	record Hold(AccountId fan, Reservation reservation) {
	}

}
