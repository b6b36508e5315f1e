package io.microdrops.cadence;

import java.time.ZoneId;
import java.util.List;

/**
 * A cadence as the admin sees it: its community, items with their SKUs, next openings and
 * how many drafts it has created.
 *
 * @param cadence the cadence
 * @param communitySlug its community's slug
 * @param communityName its community's name
 * @param timeZone the community's time zone, which openings follow
 * @param items the items with their SKUs
 * @param nextOpenings the next openings from now, in the community's time zone
 * @param draftsCreated how many drafts the cadence has created so far
 * @param fatigue the community's fatigue rule its drops break (each draft would need an
 * admin's override to be scheduled), or {@code null}
 */
public record CadenceView(Cadence cadence, String communitySlug, String communityName, ZoneId timeZone,
		List<Item> items, List<Recurrence.Occurrence> nextOpenings, long draftsCreated, Problem fatigue) {

	/**
	 * Returns the recurrence.
	 * @return the recurrence
	 */
	public Recurrence recurrence() {
		return this.cadence.recurrence();
	}

	/**
	 * One item with its SKU.
	 *
	 * @param skuSlug the SKU's slug
	 * @param skuName the SKU's name
	 * @param quantity units per drop
	 * @param perFanLimit units per fan
	 */
	public record Item(String skuSlug, String skuName, int quantity, int perFanLimit) {
	}

}
