package io.microdrops.offer;

/**
 * How a drop's follow-up offer did: follow-ups sent, early-access codes sent, codes used
 * for a reservation in a later drop, and reservations through a code that were paid.
 *
 * @param dropSlug the drop
 * @param dropTitle its title
 * @param communitySlug its community's slug
 * @param communityName its community
 * @param sent follow-ups mailed
 * @param codesSent early-access codes mailed
 * @param codesUsed codes used for a reservation
 * @param codesOrdered codes whose reservation was paid
 */
public record FollowUpConversion(String dropSlug, String dropTitle, String communitySlug, String communityName,
		long sent, long codesSent, long codesUsed, long codesOrdered) {

	/**
	 * The share of sent codes that were used, in whole per cent.
	 * @return 0–100; 0 when no code was sent
	 */
	public long conversionPercent() {
		return (this.codesSent == 0) ? 0 : Math.round(100.0 * this.codesUsed / this.codesSent);
	}

}
