package io.microdrops.checkout;

import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A hold ran out unpaid; its units are available again.
 *
 * @param reservation the reservation
 * @param dropItem the drop item
 * @param fan who held it
 * @param editions the editions released
 */
public record ReservationExpired(UUID reservation, UUID dropItem, AccountId fan, List<Integer> editions) {
}
