package io.microdrops.fulfilment;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HubTests {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	// Open Tuesday to Saturday, 10:00-18:00; closed Sunday and Monday.
	static final Hub LEEDS = new Hub(UUID.randomUUID(), "leeds", "Leeds", "1 Call Lane", LONDON, null, 40, 120,
			DeliveryArea.of("LS1, LS2", null), LocalTime.of(14, 0), true,
			Map.of(DayOfWeek.TUESDAY, window(), DayOfWeek.WEDNESDAY, window(), DayOfWeek.THURSDAY, window(),
					DayOfWeek.FRIDAY, window(), DayOfWeek.SATURDAY, window()));

	// Tuesday 1 December 2026.
	static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);

	@Test
	void cutsTheOpeningHoursIntoSlots() {
		assertThat(LEEDS.slotsOn(TUESDAY)).extracting(Hub.PickupSlot::starts)
			.containsExactly(LocalTime.of(10, 0), LocalTime.of(12, 0), LocalTime.of(14, 0), LocalTime.of(16, 0));
		assertThat(LEEDS.slotsOn(TUESDAY.minusDays(1))).isEmpty();
	}

	@Test
	void offersOnlySlotsThatHaveNotEnded() {
		Instant oneOClock = TUESDAY.atTime(13, 0).atZone(LONDON).toInstant();

		assertThat(LEEDS.slotsAheadOn(TUESDAY, oneOClock)).extracting(Hub.PickupSlot::starts)
			.containsExactly(LocalTime.of(12, 0), LocalTime.of(14, 0), LocalTime.of(16, 0));
		assertThat(LEEDS.slotsAheadOn(TUESDAY.plusDays(1), oneOClock)).hasSize(4);
	}

	@Test
	void deliversTheSameDayBeforeTheCutOffAndTheNextOpeningDayAfterIt() {
		assertThat(LEEDS.deliveryDay(TUESDAY.atTime(13, 59).atZone(LONDON).toInstant())).contains(TUESDAY);
		assertThat(LEEDS.deliveryDay(TUESDAY.atTime(14, 0).atZone(LONDON).toInstant())).contains(TUESDAY.plusDays(1));
		// Saturday afternoon: closed Sunday and Monday, so Tuesday.
		assertThat(LEEDS.deliveryDay(TUESDAY.plusDays(4).atTime(15, 0).atZone(LONDON).toInstant()))
			.contains(TUESDAY.plusDays(7));
		// Sunday morning: closed today, so Tuesday.
		assertThat(LEEDS.deliveryDay(TUESDAY.plusDays(5).atTime(9, 0).atZone(LONDON).toInstant()))
			.contains(TUESDAY.plusDays(7));
	}

	@Test
	void aHubThatNeverOpensDeliversNever() {
		Hub closed = new Hub(UUID.randomUUID(), "closed", "Closed", "Nowhere", LONDON, null, 0, 60, DeliveryArea.NONE,
				LocalTime.NOON, true, Map.of());

		assertThat(closed.deliveryDay(Instant.now())).isEmpty();
		assertThat(closed.slotsOn(TUESDAY)).isEmpty();
	}

	private static OpeningWindow window() {
		return new OpeningWindow(LocalTime.of(10, 0), LocalTime.of(18, 0));
	}

}
