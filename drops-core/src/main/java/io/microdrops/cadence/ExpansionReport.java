package io.microdrops.cadence;

/**
 * What one expansion run did with the occurrences in its window.
 *
 * @param created drafts created now
 * @param existing occurrences that had their draft already (made earlier or by another
 * node)
 * @param skipped occurrences left without a draft because the draft would break a rule
 * (for example an announcement in the past); the log says why
 */
public record ExpansionReport(int created, int existing, int skipped) {

	/** Nothing to do. */
	public static final ExpansionReport NONE = new ExpansionReport(0, 0, 0);

	/**
	 * Adds two reports.
	 * @param other the other report
	 * @return the sum
	 */
	public ExpansionReport plus(ExpansionReport other) {
		return new ExpansionReport(this.created + other.created, this.existing + other.existing,
				this.skipped + other.skipped);
	}

}
