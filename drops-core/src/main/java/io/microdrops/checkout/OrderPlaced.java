package io.microdrops.checkout;

import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A fan paid for a hold: fulfilment and analytics each get this exactly once, through the
 * event publication registry, also across a crash.
 *
 * @param order the order's id
 * @param number its number
 * @param fan the buyer
 * @param dropItem the drop item
 * @param editions the editions bought
 * @param totalMinor the total in minor units
 * @param currency the currency
 * @param fulfilment how it reaches the fan
 */
public record OrderPlaced(UUID order, String number, AccountId fan, UUID dropItem, List<Integer> editions,
		long totalMinor, String currency, Fulfilment fulfilment) {
}
