package io.microdrops.checkout;

import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A paid order was refunded and its units came back: published once, in the transaction
 * that frees the units.
 *
 * @param order the order
 * @param number its number
 * @param dropItem the drop item
 * @param fan who had bought it
 * @param editions the editions that are free again
 * @param cause why the order was taken back
 */
public record OrderReturned(UUID order, String number, UUID dropItem, AccountId fan, List<Integer> editions,
		Cause cause) {

	/**
	 * Why a paid order was taken back; also the status the order is left in.
	 */
	public enum Cause {

		/** The fan did not collect the pickup by its deadline. */
		NO_SHOW,

		/** Ops cancelled the order, with a reason the fan is told. */
		CANCELLED

	}

}
