package io.microdrops.fulfilment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A fulfilment order with its whole history, for its ops page.
 *
 * @param entry the order
 * @param history every status change, oldest first
 */
public record FulfilmentDetail(FulfilmentEntry entry, List<Change> history) {

	/**
	 * One status change.
	 *
	 * @param from the status before, {@code null} for the arrival
	 * @param to the status after
	 * @param actor who, {@code null} for Drops itself
	 * @param actorName their name
	 * @param note tracking number or cancellation reason, if any
	 * @param at when
	 */
	public record Change(FulfilmentStatus from, FulfilmentStatus to, UUID actor, String actorName, String note,
			Instant at) {
	}

}
