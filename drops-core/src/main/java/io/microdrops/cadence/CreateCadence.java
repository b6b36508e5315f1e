package io.microdrops.cadence;

import java.time.LocalDate;

/**
 * Creates a cadence.
 *
 * @param slug its address name: lower-case words joined by hyphens, at most 49 characters
 * (its drops add {@code -yyyy-mm-dd})
 * @param community the community's slug
 * @param recurrence when the drops open
 * @param startsOn the first date counted: the first opening is the first matching day on
 * or after it
 * @param template what the drops look like
 * @param horizonWeeks how far ahead drafts are created, 1–26 weeks
 */
public record CreateCadence(String slug, String community, Recurrence recurrence, LocalDate startsOn,
		DropTemplate template, int horizonWeeks) {
}
