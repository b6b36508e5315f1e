package io.microdrops.preorder;

import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A pre-order whose drop reached the threshold could not become an order on its own
 * (declined card, no unit left); nothing was charged. Published once per pre-order.
 *
 * @param preorder the pre-order
 * @param fan its fan
 * @param dropSlug the drop
 * @param failure why, a {@link Preorder.Failure}
 */
public record PreorderFailed(UUID preorder, AccountId fan, String dropSlug, Preorder.Failure failure) {
}
