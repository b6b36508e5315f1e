package io.microdrops.checkout;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * How an order reaches the fan. Pickup needs a hub, local delivery and shipping an
 * address; the fulfilment module checks hubs, slots and service areas (see
 * {@link FulfilmentOptions}) and fills in what the fan left open, such as the hub that
 * delivers locally or the day.
 *
 * @param method the method
 * @param hub the micro-hub's slug, for pickup (and, once resolved, local delivery)
 * @param address the delivery address, for local delivery and shipping
 * @param postcode the delivery address's postcode, for local delivery
 * @param latitude where to deliver, for hubs that deliver within a radius (optional)
 * @param longitude where to deliver, for hubs that deliver within a radius (optional)
 * @param day the pickup day, or the local delivery day once resolved
 * @param slot the start of the pickup slot on that day
 */
public record Fulfilment(Method method, String hub, String address, String postcode, Double latitude, Double longitude,
		LocalDate day, LocalTime slot) {

	/**
	 * A choice with only a method, a hub and an address; the rest is left open.
	 * @param method the method
	 * @param hub the hub's slug, for pickup
	 * @param address the address, for delivery and shipping
	 */
	public Fulfilment(Method method, String hub, String address) {
		this(method, hub, address, null, null, null, null, null);
	}

	/**
	 * Tells whether the choice is complete.
	 * @return {@code true} when the method has what it needs
	 */
	public boolean isComplete() {
		if (this.method == null) {
			return false;
		}
		return switch (this.method) {
			case PICKUP -> this.hub != null && !this.hub.isBlank() && this.hub.length() <= 60;
			case LOCAL_DELIVERY, SHIPPING ->
				this.address != null && !this.address.isBlank() && this.address.length() <= 500;
		};
	}

	/**
	 * How an order is fulfilled.
	 */
	public enum Method {

		/** Collected at a micro-hub. */
		PICKUP,

		/** Delivered locally from a hub. */
		LOCAL_DELIVERY,

		/** Shipped. */
		SHIPPING

	}

}
