package io.microdrops.preorder;

import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A pre-order became an order: its drop reached the threshold, units with edition numbers
 * were claimed and the fan was charged. Published once per pre-order.
 *
 * @param preorder the pre-order
 * @param fan its fan
 * @param dropSlug the drop
 * @param order the order it became
 * @param orderNumber the order's number
 */
public record PreorderConfirmed(UUID preorder, AccountId fan, String dropSlug, UUID order, String orderNumber) {
}
