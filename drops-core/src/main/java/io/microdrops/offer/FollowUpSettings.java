package io.microdrops.offer;

import java.util.List;

/**
 * A drop's follow-up offer, as merchandisers set it.
 *
 * @param thankYouNote the note to the buyers, plain text (up to 2,000 characters)
 * @param delayHours how long after pickup or delivery the follow-up goes (0–2,160 hours)
 * @param earlyAccess whether the follow-up carries an early-access code for the
 * community's next drop
 * @param earlyHours how many hours before the public opening the code opens that drop
 * (1–336)
 * @param validityDays how many days the code stays valid after it was sent (1–365)
 * @param addOnSkus the slugs of the catalog's SKUs offered to the buyers as add-ons
 */
public record FollowUpSettings(String thankYouNote, int delayHours, boolean earlyAccess, int earlyHours,
		int validityDays, List<String> addOnSkus) {

	/** The longest note. */
	public static final int NOTE_MAX = 2000;

	/**
	 * Copies the add-ons, so the settings cannot change under the caller.
	 */
	public FollowUpSettings {
		addOnSkus = (addOnSkus != null) ? List.copyOf(addOnSkus) : List.of();
	}

}
