package io.microdrops.drop;

/**
 * A drop's pre-order validation ended: confirmed (the drop may sell) or voided.
 *
 * @param drop the drop
 * @param slug its slug
 * @param outcome how it ended
 */
public record DropPreordersSettled(DropId drop, String slug, PreorderOutcome outcome) {
}
