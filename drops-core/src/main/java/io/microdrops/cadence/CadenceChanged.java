package io.microdrops.cadence;

/**
 * A cadence was created, changed, paused or resumed.
 *
 * @param cadence the cadence
 * @param slug its slug
 * @param active whether it creates drafts now
 */
public record CadenceChanged(CadenceId cadence, String slug, boolean active) {
}
