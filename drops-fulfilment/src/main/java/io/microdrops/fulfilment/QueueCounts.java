package io.microdrops.fulfilment;

import java.util.Map;

/**
 * How many orders of a queue are in each status.
 *
 * @param byStatus counts per status, statuses without orders left out
 */
public record QueueCounts(Map<FulfilmentStatus, Integer> byStatus) {

	/**
	 * Returns the count of one status.
	 * @param status the status
	 * @return the count, 0 when none
	 */
	public int of(FulfilmentStatus status) {
		return this.byStatus.getOrDefault(status, 0);
	}

	/**
	 * Returns the count of all statuses.
	 * @return the total
	 */
	public int total() {
		return this.byStatus.values().stream().mapToInt(Integer::intValue).sum();
	}

}
