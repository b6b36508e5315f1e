package io.microdrops.drop;

import java.time.Instant;
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
 * @param preorderDeadline when pre-orders close and are confirmed or voided, after the
 * announcement and no later than the first sales (early access, or the opening); or
 * {@code null} for the first sales moment itself
 * @param items the SKUs released, at least one to schedule
 */
public record DropPlan(String title, CommunityId community, AccessMode accessMode, Timeline timeline, int holdMinutes,
		Integer preorderThreshold, Instant preorderDeadline, List<NewDropItem> items) {

	/** The hold time when none is given. */
	public static final int DEFAULT_HOLD_MINUTES = 10;

	/**
	 * A plan whose pre-orders, if it takes any, close when sales start.
	 * @param title the title fans see
	 * @param community the community it is for
	 * @param accessMode who may buy and how
	 * @param timeline its moments
	 * @param holdMinutes how long a reservation holds units
	 * @param preorderThreshold units that must be pre-ordered, or {@code null}
	 * @param items the SKUs released
	 */
	public DropPlan(String title, CommunityId community, AccessMode accessMode, Timeline timeline, int holdMinutes,
			Integer preorderThreshold, List<NewDropItem> items) {
		this(title, community, accessMode, timeline, holdMinutes, preorderThreshold, null, items);
	}

}
