package io.microdrops.draw;

import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A drawn fan holds a unit and may buy it until the end of their purchase window.
 *
 * @param dropSlug the drop
 * @param fan the fan
 * @param skuName the item's name
 * @param place the fan's place in the draw's order
 * @param reservation the held unit's reservation
 * @param expiresAt the end of the purchase window
 * @param passedDown whether the unit came from a fan who did not buy it in time
 */
public record DrawOfferMade(String dropSlug, AccountId fan, String skuName, int place, UUID reservation,
		Instant expiresAt, boolean passedDown) {
}
