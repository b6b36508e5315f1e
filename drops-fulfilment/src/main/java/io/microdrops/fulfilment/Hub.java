package io.microdrops.fulfilment;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A micro-hub: a local place where fans pick up and from where local deliveries leave.
 *
 * @param id the hub's id
 * @param slug its name in addresses and in the API's {@code fulfilment.hub}
 * @param name its name as people know it
 * @param address its street address
 * @param timeZone the zone its opening hours and cut-off are in
 * @param location its coordinates, or {@code null}
 * @param pickupCapacityPerDay how many pickups it can hand over in one day
 * @param slotMinutes how long one pickup slot is
 * @param deliveryArea where it delivers locally
 * @param sameDayCutoff local time until which a local delivery leaves the same day
 * @param active whether checkout offers it
 * @param openingHours its opening window per weekday; a missing day is closed
 */
public record Hub(UUID id, String slug, String name, String address, ZoneId timeZone, GeoPoint location,
		int pickupCapacityPerDay, int slotMinutes, DeliveryArea deliveryArea, LocalTime sameDayCutoff, boolean active,
		Map<DayOfWeek, OpeningWindow> openingHours) {

	/** How far ahead a hub looks for its next opening day. */
	static final int DAYS_SEARCHED = 14;

	/**
	 * Returns the opening window of a day.
	 * @param day the day, local to the hub
	 * @return the window, empty when closed
	 */
	public Optional<OpeningWindow> windowOn(LocalDate day) {
		return Optional.ofNullable(this.openingHours.get(day.getDayOfWeek()));
	}

	/**
	 * Returns the pickup slots of a day: the opening window cut into slots of
	 * {@link #slotMinutes()}; a window shorter than one slot is one slot.
	 * @param day the day
	 * @return the slots in time order, none when closed
	 */
	public List<PickupSlot> slotsOn(LocalDate day) {
		List<PickupSlot> slots = new ArrayList<>();
		windowOn(day).ifPresent(window -> {
			LocalTime start = window.opens();
			while (!start.plusMinutes(this.slotMinutes).isAfter(window.closes())
					&& start.plusMinutes(this.slotMinutes).isAfter(start)) {
				slots.add(new PickupSlot(start, start.plusMinutes(this.slotMinutes)));
				start = start.plusMinutes(this.slotMinutes);
			}
			if (slots.isEmpty()) {
				slots.add(new PickupSlot(window.opens(), window.closes()));
			}
		});
		return slots;
	}

	/**
	 * Returns the slots of a day that end after a moment (compared as instants, so a
	 * clock change in the night cannot put a slot on the wrong side).
	 * @param day the day
	 * @param now the moment
	 * @return the slots still ahead
	 */
	public List<PickupSlot> slotsAheadOn(LocalDate day, Instant now) {
		return slotsOn(day).stream()
			.filter(slot -> day.atTime(slot.ends()).atZone(this.timeZone).toInstant().isAfter(now))
			.toList();
	}

	/**
	 * Returns the day a local delivery ordered now goes out: today when the hub is open
	 * and the cut-off has not passed, else the next opening day.
	 * @param now the moment of the order
	 * @return the day, empty when the hub opens on no day
	 */
	public Optional<LocalDate> deliveryDay(Instant now) {
		ZonedDateTime local = now.atZone(this.timeZone);
		LocalDate today = local.toLocalDate();
		Optional<OpeningWindow> todays = windowOn(today);
		if (todays.isPresent() && local.toLocalTime().isBefore(this.sameDayCutoff)
				&& local.toLocalTime().isBefore(todays.get().closes())) {
			return Optional.of(today);
		}
		for (int ahead = 1; ahead <= DAYS_SEARCHED; ahead++) {
			LocalDate day = today.plusDays(ahead);
			if (windowOn(day).isPresent()) {
				return Optional.of(day);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns today's date at the hub.
	 * @param now the moment
	 * @return the local date
	 */
	public LocalDate today(Instant now) {
		return now.atZone(this.timeZone).toLocalDate();
	}

	/**
	 * Tells whether the hub delivers to an address.
	 * @param postcode its postcode
	 * @param point its coordinates, or {@code null}
	 * @return {@code true} when inside the delivery area
	 */
	public boolean deliversTo(String postcode, GeoPoint point) {
		return this.deliveryArea.covers(postcode, point, this.location);
	}

	/**
	 * A pickup slot.
	 *
	 * @param starts when it starts, local to the hub
	 * @param ends when it ends
	 */
	public record PickupSlot(LocalTime starts, LocalTime ends) {
	}

}
