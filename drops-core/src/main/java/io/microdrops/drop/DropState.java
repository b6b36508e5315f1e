package io.microdrops.drop;

/**
 * Where a drop is in its life. Only {@link #DRAFT} and {@link #SCHEDULED} are decided by
 * a merchandiser; the others follow from the clock and the stock at the moment of asking.
 */
public enum DropState {

	/** Being planned; invisible to fans. */
	DRAFT,

	/** Will follow its timeline; not announced yet. */
	SCHEDULED,

	/** Visible to fans; not open yet. */
	ANNOUNCED,

	/** Open to waitlist members only. */
	EARLY_ACCESS,

	/** Open to everyone allowed by the access mode. */
	LIVE,

	/** Open, but no unit is left. */
	SOLD_OUT,

	/** Over: closed at its time, or early. */
	CLOSED;

	/**
	 * Tells whether fans can see the drop.
	 * @return {@code true} from the announcement on
	 */
	public boolean isPublic() {
		return this != DRAFT && this != SCHEDULED;
	}

}
