package io.microdrops.cadence;

import java.time.LocalDate;

/**
 * Changes a cadence's recurrence, template and horizon; its slug and community stay.
 * Drafts created already stay as they are; occurrences that have a draft get no second
 * one.
 *
 * @param slug the cadence
 * @param recurrence when the drops open
 * @param startsOn the first date counted
 * @param template what the drops look like
 * @param horizonWeeks how far ahead drafts are created, 1–26 weeks
 */
public record ChangeCadence(String slug, Recurrence recurrence, LocalDate startsOn, DropTemplate template,
		int horizonWeeks) {
}
