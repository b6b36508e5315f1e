package io.microdrops.checkout;

import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A paid order was refunded and its units came back (the fan did not collect the pickup
 * by its deadline): published once, in the transaction that frees the units.
 *
 * @param order the order
 * @param number its number
 * @param dropItem the drop item
 * @param fan who had bought it
 * @param editions the editions that are free again
 */
public record OrderReturned(UUID order, String number, UUID dropItem, AccountId fan, List<Integer> editions) {
}
