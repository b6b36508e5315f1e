package io.microdrops.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A fan now holds units of a drop item. Published once per reservation, in the
 * transaction that claimed the units; a retry with the same idempotency key publishes
 * nothing new.
 *
 * @param reservation the reservation
 * @param dropItem the drop item
 * @param fan who holds the units
 * @param editions the editions held
 * @param at when the hold was taken
 */
public record ReservationPlaced(UUID reservation, UUID dropItem, AccountId fan, List<Integer> editions, Instant at) {

	/**
	 * Creates the event.
	 * @param reservation the reservation
	 * @param dropItem the drop item
	 * @param fan who holds the units
	 * @param editions the editions held
	 * @param at when the hold was taken
	 */
	public ReservationPlaced {
		editions = List.copyOf(editions);
	}

}
