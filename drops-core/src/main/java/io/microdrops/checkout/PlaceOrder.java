package io.microdrops.checkout;

import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A fan pays for a hold.
 *
 * @param reservation the hold
 * @param fan who pays (another fan's hold is not found)
 * @param paymentMethod a card number for the demo provider, a payment method id for
 * Stripe
 * @param fulfilment how the order should reach the fan
 */
public record PlaceOrder(UUID reservation, AccountId fan, String paymentMethod, Fulfilment fulfilment) {
}
