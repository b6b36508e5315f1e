package io.microdrops.checkout;

import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A fan gave a hold back before it ran out; its units are available again.
 *
 * @param reservation the reservation
 * @param dropItem the drop item
 * @param fan who held it
 * @param editions the editions released
 */
public record ReservationReleased(UUID reservation, UUID dropItem, AccountId fan, List<Integer> editions) {
}
