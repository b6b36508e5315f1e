package io.microdrops.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A fan's time-limited hold on numbered units of one drop item.
 *
 * @param id the reservation's id
 * @param dropSlug the drop
 * @param sku the SKU's slug
 * @param fan who holds the units
 * @param quantity how many units
 * @param editions the edition numbers held, ascending
 * @param status where the hold is in its life
 * @param expiresAt when the units go back to the pool unless paid for
 */
public record Reservation(UUID id, String dropSlug, String sku, AccountId fan, int quantity, List<Integer> editions,
		Status status, Instant expiresAt) {

	/**
	 * Where a reservation is in its life.
	 */
	public enum Status {

		/** Holding units until it expires. */
		HELD,

		/** Paid: its units are sold. */
		ORDERED,

		/** Given back by the fan. */
		RELEASED,

		/** Not paid in time; its units went back. */
		EXPIRED

	}

}
