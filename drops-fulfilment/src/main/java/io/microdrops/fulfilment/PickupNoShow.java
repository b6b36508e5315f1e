package io.microdrops.fulfilment;

import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A pickup was not collected by its deadline (ops marked it, or the deadline passed):
 * published once per order, in the transaction that records it, through the event
 * publication registry; the order is then refunded and its units offered again.
 *
 * @param fulfilmentOrder the fulfilment order
 * @param order the order
 * @param orderNumber its number
 * @param fan the fan
 * @param at when it was marked
 */
public record PickupNoShow(UUID fulfilmentOrder, UUID order, String orderNumber, AccountId fan, Instant at) {
}
