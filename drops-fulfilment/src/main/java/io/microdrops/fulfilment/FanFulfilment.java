package io.microdrops.fulfilment;

import java.time.LocalDate;
import java.time.LocalTime;

import io.microdrops.checkout.Fulfilment.Method;

/**
 * A fan's view of how their order reaches them: where it is, and for a pickup the hub,
 * the slot and the pickup code (shown to its fan only).
 *
 * @param method how it reaches the fan
 * @param status where it is
 * @param hub the hub's slug, or {@code null} for shipping
 * @param hubName the hub, or {@code null} for shipping
 * @param hubAddress the hub's address, or {@code null}
 * @param day the pickup or delivery day, or {@code null}
 * @param slotStarts start of the pickup slot, or {@code null}
 * @param slotEnds end of the pickup slot, or {@code null}
 * @param pickupCode the code to show at the hub, or {@code null}
 * @param trackingNumber the carrier's tracking number, or {@code null}
 * @param cancelReason why it was cancelled, or {@code null}
 */
public record FanFulfilment(Method method, FulfilmentStatus status, String hub, String hubName, String hubAddress,
		LocalDate day, LocalTime slotStarts, LocalTime slotEnds, String pickupCode, String trackingNumber,
		String cancelReason) {

	/**
	 * Tells whether the pickup code still has a use.
	 * @return {@code true} for a pickup not yet collected or cancelled
	 */
	public boolean codeUsable() {
		return this.pickupCode != null && !this.status.isFinal();
	}

}
