package io.microdrops.waitlist;

import java.time.Instant;

import io.microdrops.drop.DropView;

/**
 * One of a fan's waitlists, as the fan's account page shows it.
 *
 * @param drop the drop as it is now
 * @param position the fan's position now, from 1
 * @param depth how many fans are on the waitlist
 * @param joinedAt when the fan joined
 */
public record FanWaitlist(DropView drop, int position, long depth, Instant joinedAt) {
}
