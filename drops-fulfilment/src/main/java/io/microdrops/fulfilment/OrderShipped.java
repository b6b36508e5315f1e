package io.microdrops.fulfilment;

import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A shipment went to the carrier: the fan is told, with the tracking number.
 *
 * @param fulfilmentOrder the fulfilment order
 * @param order the order
 * @param orderNumber its number
 * @param fan the fan
 * @param trackingNumber the carrier's tracking number
 */
public record OrderShipped(UUID fulfilmentOrder, UUID order, String orderNumber, AccountId fan, String trackingNumber) {
}
