package io.microdrops.fulfilment;

import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * Ops cancelled an order before it reached its fan: published once per order, in the
 * transaction that records it, through the event publication registry; the order is then
 * refunded and its units offered again.
 *
 * @param fulfilmentOrder the fulfilment order
 * @param order the order
 * @param orderNumber its number
 * @param fan the fan
 * @param reason the reason ops gave, which the fan is told
 * @param at when it was cancelled
 */
public record OrderCancelled(UUID fulfilmentOrder, UUID order, String orderNumber, AccountId fan, String reason,
		Instant at) {
}
