package io.microdrops.fulfilment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.microdrops.checkout.Fulfilment.Method;

/**
 * One fulfilment order as ops see it in queues, searches and on its page. It never
 * carries the pickup code: staff get it from the fan.
 *
 * @param id the fulfilment order's id
 * @param order the order's id
 * @param orderNumber the order's number
 * @param fanName the fan's display name
 * @param dropSlug the drop
 * @param dropTitle its title
 * @param skuName the SKU's name
 * @param quantity units
 * @param editions the edition numbers
 * @param editionSize the edition size, or {@code null}
 * @param method how it reaches the fan
 * @param hubSlug the hub, or {@code null} for shipping
 * @param hubName the hub's name, or {@code null}
 * @param day the pickup or delivery day, or {@code null}
 * @param slotStarts start of the pickup slot, or {@code null}
 * @param slotEnds end of the pickup slot, or {@code null}
 * @param address the delivery address, or {@code null}
 * @param postcode the delivery postcode, or {@code null}
 * @param status where it is
 * @param trackingNumber the carrier's tracking number, or {@code null}
 * @param cancelReason why it was cancelled, or {@code null}
 * @param createdAt when the order arrived
 * @param updatedAt when it last changed
 */
public record FulfilmentEntry(UUID id, UUID order, String orderNumber, String fanName, String dropSlug,
		String dropTitle, String skuName, int quantity, List<Integer> editions, Integer editionSize, Method method,
		String hubSlug, String hubName, LocalDate day, LocalTime slotStarts, LocalTime slotEnds, String address,
		String postcode, FulfilmentStatus status, String trackingNumber, String cancelReason, Instant createdAt,
		Instant updatedAt) {

	/**
	 * Returns the statuses this order may move to.
	 * @return the next statuses, in the order of the journey
	 */
	public List<FulfilmentStatus> nextStatuses() {
		return List.copyOf(this.status.next(this.method));
	}

	/**
	 * Returns the edition numbers as printed: {@code #37 of 200, #38 of 200}, or
	 * {@code #37, #38} for an open run.
	 * @return the editions as text
	 */
	public String editionsText() {
		return String.join(", ",
				this.editions.stream()
					.map(edition -> "#" + edition + ((this.editionSize != null) ? " of " + this.editionSize : ""))
					.toList());
	}

	/**
	 * Tells whether its day has passed while it is still open.
	 * @param today today at its hub
	 * @return {@code true} when overdue
	 */
	public boolean isOverdue(LocalDate today) {
		return this.day != null && this.day.isBefore(today) && !this.status.isFinal();
	}

}
