package io.microdrops.recognition;

/**
 * The kinds of recognition a merchandiser can define; each reads a fan's history in one
 * community.
 */
public enum BadgeKind {

	/** Collected at least one drop of the community. */
	FIRST_DROP,

	/** Collected at least n different drops of the community. */
	N_DROPS,

	/**
	 * Collected one of the community's first k drops, or joined (or first collected)
	 * before a date.
	 */
	FOUNDING_MEMBER,

	/**
	 * Collected every drop of a cadence (or of the community) since their first one, at
	 * least n drops in a row.
	 */
	NEVER_MISSED_CADENCE

}
