package io.microdrops.checkout;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets the kept answers of idempotency keys once they are older than
 * {@code drops.checkout.idempotency-retention} (never less than the 24 hours the API
 * promises). Deleting is harmless to repeat, so every node may run it.
 */
@Component
class AnswerCleanup {

	static final Duration PROMISED = Duration.ofHours(24);

	private final IdempotentAnswers answers;

	private final Duration retention;

	private final Clock clock;

	AnswerCleanup(IdempotentAnswers answers, @Value("${drops.checkout.idempotency-retention:P1D}") Duration retention,
			Clock clock) {
		this.answers = answers;
		this.retention = (retention.compareTo(PROMISED) < 0) ? PROMISED : retention;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${drops.checkout.cleanup-interval:PT1H}",
			initialDelayString = "${drops.checkout.cleanup-interval:PT1H}")
	int forgetOldAnswers() {
		return this.answers.forgetOlderThan(this.clock.instant().minus(this.retention));
	}

}
