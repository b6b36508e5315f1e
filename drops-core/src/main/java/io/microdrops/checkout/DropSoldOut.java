package io.microdrops.checkout;

import java.time.Instant;

import io.microdrops.drop.DropId;

/**
 * Every unit of a drop was held or sold for the first time: published once per drop,
 * through the event publication registry, by whichever node saw the last unit go. Holds
 * that expire later put units back (the drop is LIVE again) without a new event.
 *
 * @param drop the drop
 * @param soldOutAt when the last unit was claimed
 */
public record DropSoldOut(DropId drop, Instant soldOutAt) {
}
