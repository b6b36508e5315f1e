package io.microdrops.fulfilment;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.FulfilmentRefusedException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What checkout offers and accepts against the clock: pickup slots by their end and the
 * pickup lead, local delivery days by the hub's same-day cut-off. Fixed clocks, real
 * database.
 */
@SpringBootTest
class FulfilmentClockIntegrationTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	// Tuesday 1 December 2026, when London keeps UTC.
	private static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);

	// An item without hub shares: every hub with room is offered.
	private static final UUID ITEM = UUID.randomUUID();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HubManagement hubs;

	@Test
	void aSlotIsOfferedWhileItEndsAtLeastTheLeadAheadAndCanBePaidForUntilItEnds() {
		Hub hub = hub();

		// At 12:29 the 12:00-13:00 slot ends 31 minutes ahead: offered first.
		assertThat(firstOfferedSlot(hub, at(12, 29))).isEqualTo(LocalTime.of(12, 0));
		// At 12:30 it ends no more than the 30-minute lead ahead: the first offered is
		// 13:00.
		assertThat(firstOfferedSlot(hub, at(12, 30))).isEqualTo(LocalTime.of(13, 0));

		// A fan who saw the 12:00 slot and pays at 12:59 gets it; at 13:00 it has ended.
		assertThat(choices(at(12, 59)).check(ITEM, 1, pickup(hub, TUESDAY, LocalTime.of(12, 0))).slot())
			.isEqualTo(LocalTime.of(12, 0));
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(at(13, 0)).check(ITEM, 1, pickup(hub, TUESDAY, LocalTime.of(12, 0))))
			.satisfies(ex -> {
				assertThat(ex.field()).isEqualTo("slot");
				assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.slot-ended");
			});
		// A time that is no slot at all is refused as such.
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(at(12, 0)).check(ITEM, 1, pickup(hub, TUESDAY, LocalTime.of(12, 30))))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.slot"));
	}

	@Test
	void aChoiceWithoutDayOrSlotGetsTheFirstSlotOffered() {
		Hub hub = hub();

		Fulfilment chosen = choices(at(12, 45)).check(ITEM, 1,
				new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null));
		assertThat(chosen.day()).isEqualTo(TUESDAY);
		assertThat(chosen.slot()).isEqualTo(LocalTime.of(13, 0));

		// At 18:45 nothing ends 30 minutes ahead today: the next day's first slot.
		chosen = choices(at(18, 45)).check(ITEM, 1, new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null));
		assertThat(chosen.day()).isEqualTo(TUESDAY.plusDays(1));
		assertThat(chosen.slot()).isEqualTo(LocalTime.of(10, 0));
	}

	@Test
	void aTimeWithoutADayIsTheFirstDayOnWhichThatSlotHasNotEnded() {
		Hub hub = hub();

		// Still running, though no longer offered: today.
		Fulfilment chosen = choices(at(18, 45)).check(ITEM, 1, pickup(hub, null, LocalTime.of(18, 0)));
		assertThat(chosen.day()).isEqualTo(TUESDAY);
		assertThat(chosen.slot()).isEqualTo(LocalTime.of(18, 0));
		// Ended today: tomorrow's.
		chosen = choices(at(18, 45)).check(ITEM, 1, pickup(hub, null, LocalTime.of(12, 0)));
		assertThat(chosen.day()).isEqualTo(TUESDAY.plusDays(1));
		assertThat(chosen.slot()).isEqualTo(LocalTime.of(12, 0));
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(at(12, 0)).check(ITEM, 1, pickup(hub, null, LocalTime.of(12, 30))))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.slot"));
	}

	@Test
	void lateInTheEveningTheFirstSlotOfferedIsTomorrowsAndYesterdaysSlotHasEnded() {
		Hub hub = hub();

		// 23:45: the lead reaches past midnight.
		assertThat(firstOfferedSlot(hub, at(23, 45))).isEqualTo(LocalTime.of(10, 0));
		Fulfilment chosen = choices(at(23, 45)).check(ITEM, 1,
				new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null));
		assertThat(chosen.day()).isEqualTo(TUESDAY.plusDays(1));

		// Paid just after midnight for the evening's last slot, chosen the day before.
		Clock wednesday = Clock.fixed(TUESDAY.plusDays(1).atTime(0, 10).atZone(LONDON).toInstant(), LONDON);
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(wednesday).check(ITEM, 1, pickup(hub, TUESDAY, LocalTime.of(18, 0))))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.slot-ended"));
		// A past day named without a time, and a day past the seven offered, are closed.
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(wednesday).check(ITEM, 1, pickup(hub, TUESDAY, null)))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.day-closed"));
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(wednesday).check(ITEM, 1, pickup(hub, TUESDAY.plusDays(8), LocalTime.of(12, 0))))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.day-closed"));
	}

	@Test
	void todayAfterItsLastSlotHasEndedIsRefusedAsEndedNotFull() {
		Hub hub = hub();

		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(at(19, 30)).check(ITEM, 1, pickup(hub, TUESDAY, LocalTime.of(18, 0))))
			.satisfies(ex -> {
				assertThat(ex.field()).isEqualTo("slot");
				assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.slot-ended");
			});
		// A time that is no slot of the day is refused as such, not as the day being
		// full.
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(at(19, 30)).check(ITEM, 1, pickup(hub, TUESDAY, LocalTime.of(12, 30))))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.slot"));
	}

	@Test
	void checkoutNamesTheDayEachHubDeliversAnOrderPlacedNow() {
		Hub hub = hub("QX9");

		assertThat(delivery(hub, at(13, 59))).isEqualTo(new CheckoutChoices.DeliveryHub(hub, TUESDAY, true));
		// From the same-day cut-off at 14:00, the next opening day.
		assertThat(delivery(hub, at(14, 0)))
			.isEqualTo(new CheckoutChoices.DeliveryHub(hub, TUESDAY.plusDays(1), false));
		assertThat(choices(at(14, 0)).check(ITEM, 1, delivery(hub, "QX9 4AB", null)).day()).as("the day the page named")
			.isEqualTo(TUESDAY.plusDays(1));
	}

	@Test
	void aLocalDeliveryWhoseDayMovedSinceThePageNamedItIsRefusedBeforeAnyCharge() {
		Hub hub = hub("QX8");
		Fulfilment delivery = delivery(hub, "QX8 1AA", null);

		// Shown at 13:59 ("today"), paid at 14:00: the cut-off passed meanwhile.
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(at(14, 0)).check(ITEM, 1, delivery, at(13, 59).instant()))
			.satisfies(ex -> {
				assertThat(ex.field()).isEqualTo("postcode");
				assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.delivery-day-moved");
				assertThat(ex.arguments()).containsExactly("Slot Hub", "Wednesday 2 December");
			});
		// The same day either way: accepted.
		assertThat(choices(at(13, 30)).check(ITEM, 1, delivery, at(13, 0).instant()).day()).isEqualTo(TUESDAY);
		assertThat(choices(at(14, 10)).check(ITEM, 1, delivery, at(14, 5).instant()).day())
			.isEqualTo(TUESDAY.plusDays(1));
		// Nothing shown to compare with: the day of the payment.
		assertThat(choices(at(14, 0)).check(ITEM, 1, delivery, null).day()).isEqualTo(TUESDAY.plusDays(1));
	}

	@Test
	void aLocalDeliveryNamingAnotherDayThanTheHubDeliversIsRefused() {
		Hub hub = hub("QX7");

		// An API client told the fan "today" at 13:59; paid at 14:00, the hub delivers
		// tomorrow.
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(at(14, 0)).check(ITEM, 1, delivery(hub, "QX7 1AA", TUESDAY)))
			.satisfies(ex -> {
				assertThat(ex.field()).isEqualTo("day");
				assertThat(ex.messageKey()).isEqualTo("fulfilment.refused.delivery-day-differs");
				assertThat(ex.arguments()).containsExactly("Slot Hub", "Wednesday 2 December");
			});
		// A day later than the hub delivers is no promise kept either.
		assertThatExceptionOfType(FulfilmentRefusedException.class)
			.isThrownBy(() -> choices(at(13, 0)).check(ITEM, 1, delivery(hub, "QX7 1AA", TUESDAY.plusDays(1))))
			.satisfies(ex -> assertThat(ex.arguments()).containsExactly("Slot Hub", "Tuesday 1 December"));
		// The day the hub delivers, or none: accepted with that day.
		assertThat(choices(at(14, 0)).check(ITEM, 1, delivery(hub, "QX7 1AA", TUESDAY.plusDays(1))).day())
			.isEqualTo(TUESDAY.plusDays(1));
		assertThat(choices(at(13, 0)).check(ITEM, 1, delivery(hub, "QX7 1AA", null)).day()).isEqualTo(TUESDAY);
	}

	private static Fulfilment delivery(Hub hub, String postcode, LocalDate day) {
		return new Fulfilment(Fulfilment.Method.LOCAL_DELIVERY, hub.slug(), "1 Test Street", postcode, null, null, day,
				null);
	}

	private CheckoutChoices.DeliveryHub delivery(Hub hub, Clock clock) {
		return choices(clock).choicesFor(ITEM, 1)
			.deliveryHubs()
			.stream()
			.filter(candidate -> candidate.hub().slug().equals(hub.slug()))
			.findFirst()
			.orElseThrow();
	}

	private LocalTime firstOfferedSlot(Hub hub, Clock clock) {
		CheckoutChoices offered = choices(clock).choicesFor(ITEM, 1);
		return offered.pickupHubs()
			.stream()
			.filter(candidate -> candidate.hub().slug().equals(hub.slug()))
			.findFirst()
			.orElseThrow()
			.days()
			.getFirst()
			.slots()
			.getFirst()
			.starts();
	}

	private FulfilmentChoices choices(Clock clock) {
		return new FulfilmentChoices(this.jdbc, this.hubs, clock, 7, 30);
	}

	private static Clock at(int hour, int minute) {
		return Clock.fixed(TUESDAY.atTime(hour, minute).atZone(LONDON).toInstant(), LONDON);
	}

	private static Fulfilment pickup(Hub hub, LocalDate day, LocalTime slot) {
		return new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null, null, null, null, day, slot);
	}

	/** A hub open 10:00-19:00 every day, in one-hour slots. */
	private Hub hub() {
		return hub(null);
	}

	/**
	 * A hub open 10:00-19:00 every day, in one-hour slots, delivering to the postcodes
	 * given (none when {@code null}) the same day before 14:00.
	 */
	private Hub hub(String deliveryPostcodes) {
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, new OpeningWindow(LocalTime.of(10, 0), LocalTime.of(19, 0)));
		}
		return this.hubs.create(new HubDetails(FulfilmentFixtures.unique("slots"), "Slot Hub", "1 Test Street",
				LONDON.getId(), null, null, 20, 60, deliveryPostcodes, null, LocalTime.of(14, 0), true, hours));
	}

}
