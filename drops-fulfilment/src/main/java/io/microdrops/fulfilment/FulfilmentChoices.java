package io.microdrops.fulfilment;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.FulfilmentOptions;
import io.microdrops.checkout.FulfilmentRefusedException;
import io.microdrops.shared.Texts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checkout's fulfilment rules: a hub is offered while its share of the item has units
 * left and it has pickup capacity on some day ahead; pickup needs an opening day with
 * capacity and one of its slots (offered while it ends more than the pickup lead ahead;
 * once offered, a slot can be paid for until it ends, so a fan who saw it while choosing
 * is not refused moments later); local delivery needs an address inside an active hub's
 * area (out the same day before the hub's cut-off, else the next opening day); shipping
 * takes any address while shipping has units left. {@link #book} takes the hub's share
 * and the day's capacity with conditional updates, so concurrent orders never exceed
 * either.
 */
@Service
public class FulfilmentChoices implements FulfilmentOptions {

	private static final int MIN_ADDRESS_LENGTH = 6;

	private static final DateTimeFormatter DELIVERY_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	private final JdbcClient jdbc;

	private final HubManagement hubs;

	private final Clock clock;

	private final int daysAhead;

	private final Duration lead;

	FulfilmentChoices(JdbcClient jdbc, HubManagement hubs, Clock clock,
			@Value("${drops.fulfilment.pickup-days-ahead:7}") int daysAhead,
			@Value("${drops.fulfilment.pickup-lead-minutes:30}") int leadMinutes) {
		this.jdbc = jdbc;
		this.hubs = hubs;
		this.clock = clock;
		this.daysAhead = Math.max(1, daysAhead);
		this.lead = Duration.ofMinutes(Math.max(0, leadMinutes));
	}

	/**
	 * Lists what a fan can choose for an item now.
	 * @param dropItem the drop item
	 * @param quantity the units the fan holds
	 * @return the choices
	 */
	@Transactional(readOnly = true)
	public CheckoutChoices choicesFor(UUID dropItem, int quantity) {
		Instant now = this.clock.instant();
		Shares shares = shares(dropItem);
		List<CheckoutChoices.PickupHub> pickup = new ArrayList<>();
		List<CheckoutChoices.DeliveryHub> delivery = new ArrayList<>();
		for (Hub hub : this.hubs.activeHubs()) {
			if (!shares.hasRoom(hub.id(), quantity)) {
				continue;
			}
			List<CheckoutChoices.PickupDay> days = pickupDays(hub, now, pickupsTaken(hub, now), now.plus(this.lead));
			if (!days.isEmpty()) {
				pickup.add(new CheckoutChoices.PickupHub(hub, shares.left(hub.id()), days));
			}
			if (hub.deliveryArea().delivers()) {
				hub.deliveryDay(now)
					.ifPresent(
							day -> delivery.add(new CheckoutChoices.DeliveryHub(hub, day, day.equals(hub.today(now)))));
			}
		}
		return new CheckoutChoices(pickup, !delivery.isEmpty(), delivery, shares.hasRoom(null, quantity));
	}

	@Override
	@Transactional(readOnly = true)
	public Fulfilment check(UUID dropItem, int quantity, Fulfilment choice) {
		return check(dropItem, quantity, choice, null);
	}

	@Override
	@Transactional(readOnly = true)
	public Fulfilment check(UUID dropItem, int quantity, Fulfilment choice, Instant shownAt) {
		if (choice == null || choice.method() == null) {
			throw new FulfilmentRefusedException("method", "fulfilment.refused.method", false);
		}
		Instant now = this.clock.instant();
		Shares shares = shares(dropItem);
		return switch (choice.method()) {
			case PICKUP -> checkPickup(choice, quantity, shares, now);
			case LOCAL_DELIVERY -> checkLocalDelivery(choice, quantity, shares, now, shownAt);
			case SHIPPING -> checkShipping(choice, quantity, shares);
		};
	}

	@Override
	@Transactional
	public void book(UUID order, UUID dropItem, int quantity, Fulfilment choice) {
		Hub hub = (choice.method() != Fulfilment.Method.SHIPPING) ? this.hubs.find(choice.hub()).orElseThrow() : null;
		UUID hubId = (hub != null) ? hub.id() : null;
		boolean split = this.jdbc.sql("select exists (select 1 from hub_allocations where drop_item_id = ?)")
			.param(dropItem)
			.query(Boolean.class)
			.single();
		if (split) {
			int updated = this.jdbc.sql("""
					update hub_allocations set taken = taken + :quantity
					where drop_item_id = :item and hub_id is not distinct from :hub and taken + :quantity <= units
					""").param("quantity", quantity).param("item", dropItem).param("hub", hubId).update();
			if (updated == 0) {
				throw (hub != null)
						? new FulfilmentRefusedException("hub", "fulfilment.refused.hub-taken", true, hub.name())
						: new FulfilmentRefusedException("method", "fulfilment.refused.shipping-taken", true);
			}
		}
		if (choice.method() == Fulfilment.Method.PICKUP) {
			boolean booked = !this.jdbc.sql("""
					insert into hub_pickup_days (hub_id, day, taken) values (:hub, :day, 1)
					on conflict (hub_id, day) do update set taken = hub_pickup_days.taken + 1
					where hub_pickup_days.taken + 1 <= :capacity
					returning taken
					""")
				.param("hub", hubId)
				.param("day", Date.valueOf(choice.day()))
				.param("capacity", hub.pickupCapacityPerDay())
				.query(Integer.class)
				.list()
				.isEmpty();
			if (!booked || hub.pickupCapacityPerDay() < 1) {
				throw new FulfilmentRefusedException("day", "fulfilment.refused.day-taken", true, hub.name());
			}
		}
	}

	/**
	 * Gives a pickup back to its day, when a fulfilment order is cancelled.
	 * @param hub the hub
	 * @param day the day
	 */
	void releasePickup(UUID hub, LocalDate day) {
		this.jdbc.sql("update hub_pickup_days set taken = taken - 1 where hub_id = ? and day = ? and taken > 0")
			.params(hub, Date.valueOf(day))
			.update();
	}

	private Fulfilment checkPickup(Fulfilment choice, int quantity, Shares shares, Instant now) {
		if (Texts.blankToNull(choice.hub()) == null) {
			throw new FulfilmentRefusedException("hub", "fulfilment.refused.hub-required", false);
		}
		Hub hub = this.hubs.find(choice.hub().strip())
			.filter(Hub::active)
			.orElseThrow(
					() -> new FulfilmentRefusedException("hub", "fulfilment.refused.hub-unknown", false, choice.hub()));
		if (!shares.hasRoom(hub.id(), quantity)) {
			throw new FulfilmentRefusedException("hub", "fulfilment.refused.hub-no-units", false, hub.name());
		}
		// What the fan names is checked against every slot that has not ended; what they
		// leave out is the earliest that checkout offers now.
		Map<LocalDate, Integer> taken = pickupsTaken(hub, now);
		List<CheckoutChoices.PickupDay> days = pickupDays(hub, now, taken, now);
		List<CheckoutChoices.PickupDay> offered = pickupDays(hub, now, taken, now.plus(this.lead));
		CheckoutChoices.PickupDay day;
		if (choice.day() != null) {
			day = days.stream()
				.filter(candidate -> candidate.day().equals(choice.day()))
				.findFirst()
				.orElseThrow(() -> refusedDay(hub, choice, now));
		}
		else if (days.isEmpty() || (choice.slot() == null && offered.isEmpty())) {
			throw new FulfilmentRefusedException("hub", "fulfilment.refused.hub-full", false, hub.name());
		}
		else if (choice.slot() != null) {
			// A time without a day: the first day on which that slot has not ended.
			day = days.stream()
				.filter(candidate -> candidate.slots().stream().anyMatch(slot -> slot.starts().equals(choice.slot())))
				.findFirst()
				.orElseThrow(() -> new FulfilmentRefusedException("slot", "fulfilment.refused.slot", false));
		}
		else {
			day = offered.getFirst();
		}
		LocalDate pickupDay = day.day();
		Hub.PickupSlot slot;
		if (choice.slot() == null) {
			// The day's earliest offered slot; on a named day with none offered any
			// more, its earliest that has not ended.
			slot = offered.stream()
				.filter(candidate -> candidate.day().equals(pickupDay))
				.findFirst()
				.orElse(day)
				.slots()
				.getFirst();
		}
		else {
			slot = day.slots()
				.stream()
				.filter(candidate -> candidate.starts().equals(choice.slot()))
				.findFirst()
				.orElseThrow(() -> isSlot(hub, pickupDay, choice.slot())
						? new FulfilmentRefusedException("slot", "fulfilment.refused.slot-ended", false, hub.name())
						: new FulfilmentRefusedException("slot", "fulfilment.refused.slot", false));
		}
		return new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null, null, null, null, pickupDay, slot.starts());
	}

	/**
	 * Why a day named is not among the days with pickups left: the time named is no slot
	 * of it, its slots have ended, it is closed, past or too far ahead, or it is full.
	 */
	private FulfilmentRefusedException refusedDay(Hub hub, Fulfilment choice, Instant now) {
		LocalDate day = choice.day();
		LocalDate today = hub.today(now);
		boolean open = hub.windowOn(day).isPresent();
		boolean named = choice.slot() != null && isSlot(hub, day, choice.slot());
		if (open && choice.slot() != null && !named) {
			return new FulfilmentRefusedException("slot", "fulfilment.refused.slot", false);
		}
		boolean ended = open && hub.slotsAheadOn(day, now).isEmpty()
				&& (day.equals(today) ? (choice.slot() == null || named) : (day.isBefore(today) && named));
		if (ended) {
			// Today after its last slot, or a slot of an earlier day paid for too late.
			return new FulfilmentRefusedException("slot", "fulfilment.refused.slot-ended", false, hub.name());
		}
		if (!open || day.isBefore(today) || !day.isBefore(today.plusDays(this.daysAhead))) {
			return new FulfilmentRefusedException("day", "fulfilment.refused.day-closed", false, hub.name());
		}
		return new FulfilmentRefusedException("day", "fulfilment.refused.day-full", false, hub.name());
	}

	private static boolean isSlot(Hub hub, LocalDate day, LocalTime time) {
		return hub.slotsOn(day).stream().anyMatch(slot -> slot.starts().equals(time));
	}

	private Fulfilment checkLocalDelivery(Fulfilment choice, int quantity, Shares shares, Instant now,
			Instant shownAt) {
		String address = requireAddress(choice);
		String postcode = Texts.blankToNull(choice.postcode());
		GeoPoint point;
		try {
			point = GeoPoint.ofNullable(choice.latitude(), choice.longitude());
		}
		catch (IllegalArgumentException ex) {
			throw new FulfilmentRefusedException("latitude", "fulfilment.refused.point", false);
		}
		if (postcode == null && point == null) {
			throw new FulfilmentRefusedException("postcode", "fulfilment.refused.postcode-required", false);
		}
		if (postcode != null && postcode.length() > 12) {
			throw new FulfilmentRefusedException("postcode", "fulfilment.refused.postcode", false);
		}
		List<Hub> candidates = this.hubs.activeHubs()
			.stream()
			.filter(hub -> Texts.blankToNull(choice.hub()) == null || hub.slug().equals(choice.hub().strip()))
			.filter(hub -> hub.deliversTo(postcode, point))
			.toList();
		if (candidates.isEmpty()) {
			throw new FulfilmentRefusedException("postcode", "fulfilment.refused.outside-area", false);
		}
		Optional<Hub> hub = candidates.stream()
			.filter(candidate -> shares.hasRoom(candidate.id(), quantity))
			.filter(candidate -> candidate.deliveryDay(now).isPresent())
			.findFirst();
		if (hub.isEmpty()) {
			throw new FulfilmentRefusedException("postcode", "fulfilment.refused.delivery-no-units", false,
					candidates.getFirst().name());
		}
		LocalDate day = hub.get().deliveryDay(now).orElseThrow();
		// The page named the day an order placed then would go out; a later one now (the
		// same-day cut-off or the hub's hours passed while the fan paid) is shown to the
		// fan before any charge.
		if (shownAt != null) {
			hub.get().deliveryDay(shownAt).filter(day::isAfter).ifPresent(shown -> {
				throw new FulfilmentRefusedException("postcode", "fulfilment.refused.delivery-day-moved", false,
						hub.get().name(), DELIVERY_DAY.format(day));
			});
		}
		// An API client names the day it told the fan; the order goes out on no other.
		if (choice.day() != null && !choice.day().equals(day)) {
			throw new FulfilmentRefusedException("day", "fulfilment.refused.delivery-day-differs", false,
					hub.get().name(), DELIVERY_DAY.format(day));
		}
		return new Fulfilment(Fulfilment.Method.LOCAL_DELIVERY, hub.get().slug(), address,
				(postcode != null) ? postcode.strip().toUpperCase(java.util.Locale.ROOT) : null, choice.latitude(),
				choice.longitude(), day, null);
	}

	private Fulfilment checkShipping(Fulfilment choice, int quantity, Shares shares) {
		String address = requireAddress(choice);
		if (!shares.hasRoom(null, quantity)) {
			throw new FulfilmentRefusedException("method", "fulfilment.refused.shipping-no-units", false);
		}
		return new Fulfilment(Fulfilment.Method.SHIPPING, null, address, Texts.blankToNull(choice.postcode()), null,
				null, null, null);
	}

	private static String requireAddress(Fulfilment choice) {
		String address = Texts.blankToNull(choice.address());
		if (address == null) {
			throw new FulfilmentRefusedException("address", "fulfilment.refused.address-required", false);
		}
		if (address.length() > 500) {
			throw new FulfilmentRefusedException("address", "fulfilment.refused.address-too-long", false);
		}
		// Not a stray character or number: at least six characters with a letter, in any
		// script ("x" or "1234 5678" is no address).
		if (address.strip().length() < MIN_ADDRESS_LENGTH || !address.matches("(?s).*\\p{L}.*")) {
			throw new FulfilmentRefusedException("address", "fulfilment.refused.address-incomplete", false);
		}
		return address.strip();
	}

	/**
	 * Reads how many pickups a hub's days ahead have taken.
	 * @param hub the hub
	 * @param now the moment the days are counted from
	 * @return pickups taken by day
	 */
	private Map<LocalDate, Integer> pickupsTaken(Hub hub, Instant now) {
		LocalDate today = hub.today(now);
		Map<LocalDate, Integer> taken = new HashMap<>();
		this.jdbc.sql("select day, taken from hub_pickup_days where hub_id = ? and day between ? and ?")
			.params(hub.id(), Date.valueOf(today), Date.valueOf(today.plusDays(this.daysAhead - 1)))
			.query((rs, row) -> taken.put(rs.getDate("day").toLocalDate(), rs.getInt("taken")))
			.list();
		return taken;
	}

	/**
	 * Lists a hub's days ahead with pickup room, each with its slots that end after a
	 * moment.
	 * @param hub the hub
	 * @param now the moment the days are counted from
	 * @param taken pickups taken by day
	 * @param slotsEndingAfter the moment a listed slot ends after
	 * @return the days
	 */
	private List<CheckoutChoices.PickupDay> pickupDays(Hub hub, Instant now, Map<LocalDate, Integer> taken,
			Instant slotsEndingAfter) {
		if (hub.pickupCapacityPerDay() < 1) {
			return List.of();
		}
		LocalDate today = hub.today(now);
		List<CheckoutChoices.PickupDay> days = new ArrayList<>();
		for (int ahead = 0; ahead < this.daysAhead; ahead++) {
			LocalDate day = today.plusDays(ahead);
			int left = hub.pickupCapacityPerDay() - taken.getOrDefault(day, 0);
			List<Hub.PickupSlot> slots = hub.slotsAheadOn(day, slotsEndingAfter);
			if (left > 0 && !slots.isEmpty()) {
				days.add(new CheckoutChoices.PickupDay(day, left, slots));
			}
		}
		return days;
	}

	private Shares shares(UUID dropItem) {
		Map<UUID, Integer> left = new HashMap<>();
		boolean[] split = { false };
		this.jdbc.sql("select hub_id, units - taken as left_units from hub_allocations where drop_item_id = ?")
			.param(dropItem)
			.query((rs, row) -> {
				split[0] = true;
				return left.put(rs.getObject("hub_id", UUID.class), rs.getInt("left_units"));
			})
			.list();
		return new Shares(split[0], left);
	}

	/**
	 * The units left per hub ({@code null} key: shipping) of a split item.
	 */
	private record Shares(boolean split, Map<UUID, Integer> left) {

		boolean hasRoom(UUID hub, int quantity) {
			return !this.split || this.left.getOrDefault(hub, 0) >= quantity;
		}

		Integer left(UUID hub) {
			return this.split ? this.left.getOrDefault(hub, 0) : null;
		}

	}

}
