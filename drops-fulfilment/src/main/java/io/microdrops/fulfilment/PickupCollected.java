package io.microdrops.fulfilment;

import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A pickup was handed over at its hub against its code: published once per order, in the
 * transaction that records the handover, through the event publication registry.
 *
 * @param fulfilmentOrder the fulfilment order
 * @param order the order
 * @param orderNumber its number
 * @param fan the fan
 * @param hub the hub's id
 * @param collectedAt when it was handed over
 */
public record PickupCollected(UUID fulfilmentOrder, UUID order, String orderNumber, AccountId fan, UUID hub,
		Instant collectedAt) {
}
