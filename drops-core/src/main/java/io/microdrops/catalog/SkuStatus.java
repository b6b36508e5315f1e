package io.microdrops.catalog;

/**
 * Whether a SKU can go into new drops.
 */
public enum SkuStatus {

	/** Can be dropped. */
	ACTIVE,

	/** Kept for history; no new drops. */
	RETIRED

}
