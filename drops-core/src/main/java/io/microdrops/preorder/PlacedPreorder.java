package io.microdrops.preorder;

/**
 * The answer to placing a pre-order.
 *
 * @param preorder the fan's pre-order
 * @param alreadyPlaced {@code true} when the fan had pre-ordered this item already and
 * got that pre-order back unchanged
 */
public record PlacedPreorder(Preorder preorder, boolean alreadyPlaced) {
}
