package io.microdrops.drop;

import java.time.Instant;

/**
 * An open drop was closed before its closing time.
 *
 * @param drop the drop
 * @param slug its slug
 * @param closedAt when
 */
public record DropClosedEarly(DropId drop, String slug, Instant closedAt) {
}
