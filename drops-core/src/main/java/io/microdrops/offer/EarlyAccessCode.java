package io.microdrops.offer;

import java.time.Instant;
import java.util.UUID;

/**
 * A fan's early-access code for one drop, as the early-access gate sees it: the code, and
 * the moment it opens that drop to its fan.
 *
 * @param id the code's id
 * @param code the code as the fan read it in the mail
 * @param opensAt when the code lets its fan start buying from the drop
 * @param expiresAt when the code stops being valid
 */
public record EarlyAccessCode(UUID id, String code, Instant opensAt, Instant expiresAt) {
}
