package io.microdrops.draw;

import java.time.Instant;

/**
 * A fan's own entry in a draw.
 *
 * @param hash the public entry hash, to find oneself in the published list
 * @param weight the tickets it holds
 * @param enteredAt when the fan entered
 * @param place the place the draw gave it, or {@code null} before the draw
 */
public record DrawEntry(String hash, int weight, Instant enteredAt, Integer place) {
}
