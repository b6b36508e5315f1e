package io.microdrops.draw;

import java.time.Instant;
import java.util.List;

/**
 * Everything a draw publishes, and nothing personal: from the start the commitment, the
 * entry window and the weights; after the draw the seed, every entry's hash and weight,
 * the winners per item and what became of each offered unit. With these, anyone can
 * recompute the winners ({@link DrawAlgorithm}).
 *
 * @param dropSlug the drop
 * @param dropTitle the drop's title
 * @param algorithm the rule's name, {@link DrawAlgorithm#NAME}
 * @param commitment {@code sha256hex(seed)}, public before any entry
 * @param entriesOpenAt when entries open (the announcement)
 * @param entriesCloseAt when entries close and the draw is held (the opening)
 * @param drawnAt when the draw was held, or {@code null} before
 * @param seed the seed, or {@code null} until the draw was held
 * @param settings the weights and the purchase window
 * @param entrants how many fans entered
 * @param items each item with its units and, after the draw, its winners' entry hashes
 * @param entries after the draw, every entry ordered by hash; empty before
 * @param offers after the draw, every unit offered, pass-downs included, in order
 */
public record PublishedDraw(String dropSlug, String dropTitle, String algorithm, String commitment,
		Instant entriesOpenAt, Instant entriesCloseAt, Instant drawnAt, String seed, DrawSettings settings,
		int entrants, List<Item> items, List<DrawAlgorithm.Entry> entries, List<Offer> offers) {

	/**
	 * Tells whether the draw was held.
	 * @return {@code true} once the seed is public
	 */
	public boolean drawn() {
		return this.drawnAt != null;
	}

	/**
	 * An item in the draw.
	 *
	 * @param sku the SKU's slug
	 * @param name the SKU's name
	 * @param units the units the draw shares out
	 * @param winners the entry hashes at places 1 to {@code units}, in order
	 */
	public record Item(String sku, String name, int units, List<String> winners) {
	}

	/**
	 * One unit offered to a drawn fan.
	 *
	 * @param sku the SKU's slug
	 * @param entryHash the fan's entry hash
	 * @param place the fan's place
	 * @param status PENDING, OFFERED, CLAIMED, PASSED_ON or UNAVAILABLE
	 * @param passedDown whether it came from a fan who did not buy in time
	 */
	public record Offer(String sku, String entryHash, int place, String status, boolean passedDown) {
	}

}
