package io.microdrops.hooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one hook, as the outbox holds it.
 *
 * @param id the delivery's id
 * @param webhook the hook
 * @param url where it goes
 * @param secret the hook's signing secret
 * @param eventType the event, e.g. {@code drop.live}
 * @param payload the body to post
 * @param status PENDING, SENDING, DELIVERED, FAILED or CANCELLED
 * @param attempts attempts so far
 * @param nextAttemptAt when it is due
 * @param responseStatus the receiver's last HTTP status, or {@code null}
 * @param responseBody the start of the receiver's last answer, or {@code null}
 * @param lastError why the last attempt failed, or {@code null}
 * @param createdAt when it was written
 * @param deliveredAt when the receiver accepted it, or {@code null}
 */
record Delivery(UUID id, UUID webhook, String url, String secret, String eventType, String payload, String status,
		int attempts, Instant nextAttemptAt, Integer responseStatus, String responseBody, String lastError,
		Instant createdAt, Instant deliveredAt) {
}
