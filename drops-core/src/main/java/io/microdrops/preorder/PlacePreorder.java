package io.microdrops.preorder;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Fulfilment;

/**
 * A fan pre-orders units of a drop item.
 *
 * @param dropSlug the drop
 * @param sku the SKU's slug within the drop
 * @param quantity how many units, at least 1 and at most the per-fan limit
 * @param fan who pre-orders
 * @param paymentMethod what to charge if the drop reaches its threshold: a demo card with
 * the demo provider, a payment method id with Stripe; nothing is charged now (Stripe
 * authorises the amount: held, not taken)
 * @param fulfilment how the order should reach the fan
 */
public record PlacePreorder(String dropSlug, String sku, int quantity, AccountId fan, String paymentMethod,
		Fulfilment fulfilment) {
}
