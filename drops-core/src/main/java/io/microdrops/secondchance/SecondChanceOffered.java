package io.microdrops.secondchance;

import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A waitlisted fan holds a unit that came back and may buy it until the offer ends.
 *
 * @param dropSlug the drop
 * @param fan the fan
 * @param skuName the item's name
 * @param edition the edition held for the fan
 * @param reservation the held unit's reservation, to check out
 * @param expiresAt the end of the offer
 */
public record SecondChanceOffered(String dropSlug, AccountId fan, String skuName, int edition, UUID reservation,
		Instant expiresAt) {
}
