package io.microdrops.hooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts due hook deliveries. Each is claimed with a lease in a short transaction, posted
 * with no transaction open, then recorded: DELIVERED on a 2xx answer; otherwise another
 * attempt after an exponentially growing wait (first wait
 * {@code drops.hooks.retry-delay}, doubling, at most an hour), FAILED after
 * {@value #MAX_ATTEMPTS} attempts. Redirects are not followed and the target is checked
 * again before each post (see {@link TargetPolicy}). Delivery is at least once: a
 * receiver tells a repeat by the {@code Drops-Delivery} header.
 */
@Component
class HookSender {

	private static final Log logger = LogFactory.getLog(HookSender.class);

	static final int MAX_ATTEMPTS = 8;

	static final Duration LONGEST_DELAY = Duration.ofHours(1);

	static final int BATCH_SIZE = 10;

	static final Duration LEASE = Duration.ofMinutes(5);

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final int EXCERPT = 500;

	private final HookOutbox outbox;

	private final TargetPolicy targets;

	private final Clock clock;

	private final Duration firstDelay;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	HookSender(HookOutbox outbox, TargetPolicy targets, Clock clock,
			@Value("${drops.hooks.retry-delay:PT30S}") Duration firstDelay) {
		this.outbox = outbox;
		this.targets = targets;
		this.clock = clock;
		this.firstDelay = firstDelay;
	}

	/**
	 * Posts what is due now, one batch.
	 * @return how many deliveries were attempted
	 */
	int sendDue() {
		Instant now = this.clock.instant();
		List<Delivery> claimed = this.outbox.claimDue(now, now.plus(LEASE), BATCH_SIZE);
		claimed.forEach(this::attempt);
		return claimed.size();
	}

	/**
	 * Returns the wait before the next attempt.
	 * @param attempts attempts made so far, at least one
	 * @return the delay, doubling per attempt, capped
	 */
	Duration delayAfter(int attempts) {
		Duration delay = this.firstDelay.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		return (delay.compareTo(LONGEST_DELAY) > 0) ? LONGEST_DELAY : delay;
	}

	private void attempt(Delivery delivery) {
		Optional<String> refusal = this.targets.refusal(delivery.url());
		if (refusal.isPresent()) {
			failed(delivery, null, null, "Target refused: " + refusal.get());
			return;
		}
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url().strip()))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header("User-Agent", "Drops-Hooks/1")
			.header("Drops-Event", delivery.eventType())
			.header("Drops-Delivery", delivery.id().toString())
			.header(Signatures.HEADER, Signatures.header(delivery.secret(), timestamp, delivery.payload()))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalArgumentException ex) {
			failed(delivery, null, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failed(delivery, null, null, "Interrupted");
			return;
		}
		String body = excerpt(response.body());
		if (response.statusCode() / 100 == 2) {
			this.outbox.markDelivered(delivery.id(), response.statusCode(), body, this.clock.instant());
		}
		else {
			failed(delivery, response.statusCode(), body, "HTTP " + response.statusCode());
		}
	}

	private void failed(Delivery delivery, Integer status, String body, String error) {
		String reason = excerpt(error);
		if (delivery.attempts() < MAX_ATTEMPTS) {
			Instant next = this.clock.instant().plus(delayAfter(delivery.attempts()));
			logger.info("Hook delivery " + delivery.id() + " failed (attempt " + delivery.attempts() + ", " + reason
					+ "), next attempt at " + next);
			this.outbox.recordFailure(delivery.id(), status, body, reason, next);
		}
		else {
			logger.warn("Hook delivery " + delivery.id() + " failed for good after " + delivery.attempts()
					+ " attempts: " + reason);
			this.outbox.recordFailure(delivery.id(), status, body, reason, null);
		}
	}

	private static String excerpt(String text) {
		if (text == null) {
			return null;
		}
		return (text.length() > EXCERPT) ? text.substring(0, EXCERPT - 1) + "…" : text;
	}

}
