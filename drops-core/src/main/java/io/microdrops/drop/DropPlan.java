package io.microdrops.drop;

import java.util.List;

import io.microdrops.community.CommunityId;

/**
 * Everything a merchandiser decides about a drop, used to create and to revise one.
 *
 * @param title the title fans see
 * @param community the community it is for
 * @param accessMode who may buy and how
 * @param timeline its moments
 * @param holdMinutes how long a reservation holds units, 1–60 (default 10)
 * @param preorderThreshold units that must be pre-ordered before anything is produced, or
 * {@code null} for no pre-order validation
 * @param items the SKUs released, at least one to schedule
 */
public record DropPlan(String title, CommunityId community, AccessMode accessMode, Timeline timeline, int holdMinutes,
		Integer preorderThreshold, List<NewDropItem> items) {

	/** The hold time when none is given. */
	public static final int DEFAULT_HOLD_MINUTES = 10;

}
