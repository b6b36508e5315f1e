package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the per-second reserve-attempt counts of the live monitor once they are older
 * than {@code drops.checkout.attempts-retention} (default 30 days), every
 * {@code drops.checkout.cleanup-interval}, on one node at a time.
 */
@Component
class ReserveAttemptsCleanup {

	private final JdbcClient jdbc;

	private final Duration retention;

	private final Clock clock;

	ReserveAttemptsCleanup(JdbcClient jdbc, @Value("${drops.checkout.attempts-retention:P30D}") Duration retention,
			Clock clock) {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException(
					"drops.checkout.attempts-retention must be a positive duration, not " + retention);
		}
		this.jdbc = jdbc;
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * Deletes the old counts, unless another node holds the lock.
	 */
	@Scheduled(fixedDelayString = "${drops.checkout.cleanup-interval:PT1H}",
			initialDelayString = "${drops.checkout.cleanup-interval:PT1H}")
	@SchedulerLock(name = "reserve-attempts-cleanup", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
	public void run() {
		purgeOldAttempts();
	}

	/**
	 * Deletes the counts of the seconds before the retention.
	 * @return how many rows were deleted
	 */
	int purgeOldAttempts() {
		return this.jdbc.sql("delete from reserve_attempts where second < ?")
			.param(Timestamp.from(this.clock.instant().minus(this.retention)))
			.update();
	}

}
