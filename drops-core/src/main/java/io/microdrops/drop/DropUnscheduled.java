package io.microdrops.drop;

/**
 * A scheduled drop went back to being a draft before it opened.
 *
 * @param drop the drop
 * @param slug its slug
 */
public record DropUnscheduled(DropId drop, String slug) {
}
