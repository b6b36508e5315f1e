package io.microdrops.drop;

/**
 * A scheduled drop's plan changed before any unit could be claimed.
 *
 * @param drop the drop
 * @param slug its slug
 */
public record DropRevised(DropId drop, String slug) {
}
