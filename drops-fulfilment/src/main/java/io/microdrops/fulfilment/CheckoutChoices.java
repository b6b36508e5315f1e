package io.microdrops.fulfilment;

import java.time.LocalDate;
import java.util.List;

/**
 * What a fan can choose at checkout for one drop item right now: the hubs with units and
 * pickup capacity left (with their days and slots), whether local delivery and shipping
 * are possible.
 *
 * @param pickupHubs hubs to pick up at
 * @param localDelivery whether some hub with units left delivers locally
 * @param deliveryHubs those hubs, with the day each delivers an order placed now
 * @param shipping whether shipping has units left
 */
public record CheckoutChoices(List<PickupHub> pickupHubs, boolean localDelivery, List<DeliveryHub> deliveryHubs,
		boolean shipping) {

	/**
	 * A hub that delivers locally.
	 *
	 * @param hub the hub
	 * @param day the day it delivers an order placed now (today before its same-day
	 * cut-off, else its next opening day), local to the hub
	 * @param today whether that day is today at the hub
	 */
	public record DeliveryHub(Hub hub, LocalDate day, boolean today) {
	}

	/**
	 * A hub a fan can pick up at.
	 *
	 * @param hub the hub
	 * @param unitsLeft units of its share left, or {@code null} when the item is shared
	 * @param days the days with pickup capacity left, earliest first
	 */
	public record PickupHub(Hub hub, Integer unitsLeft, List<PickupDay> days) {
	}

	/**
	 * A day with pickup capacity left.
	 *
	 * @param day the date, local to the hub
	 * @param pickupsLeft pickups it can still take
	 * @param slots the slots still ahead on that day
	 */
	public record PickupDay(LocalDate day, int pickupsLeft, List<Hub.PickupSlot> slots) {
	}

}
