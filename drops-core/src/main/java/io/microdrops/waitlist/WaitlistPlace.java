package io.microdrops.waitlist;

/**
 * Where a fan stands on a drop's waitlist after asking to join.
 *
 * @param position the fan's position now, from 1: their rank among the drop's current
 * entries
 * @param alreadyOnIt {@code true} when the fan was on the waitlist before and kept their
 * place
 */
public record WaitlistPlace(int position, boolean alreadyOnIt) {
}
