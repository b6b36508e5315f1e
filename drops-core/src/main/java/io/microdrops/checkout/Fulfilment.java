package io.microdrops.checkout;

/**
 * How an order reaches the fan. Pickup needs a hub, local delivery and shipping an
 * address; the fulfilment module checks hubs, slots and service areas.
 *
 * @param method the method
 * @param hub the micro-hub's slug, for pickup
 * @param address the delivery address, for local delivery and shipping
 */
public record Fulfilment(Method method, String hub, String address) {

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
