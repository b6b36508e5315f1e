package io.microdrops.fulfilment;

import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A local delivery or a shipment arrived at the fan: published once per order, in the
 * transaction that records it, through the event publication registry.
 *
 * @param fulfilmentOrder the fulfilment order
 * @param order the order
 * @param orderNumber its number
 * @param fan the fan
 * @param deliveredAt when it arrived
 */
public record OrderDelivered(UUID fulfilmentOrder, UUID order, String orderNumber, AccountId fan, Instant deliveredAt) {
}
