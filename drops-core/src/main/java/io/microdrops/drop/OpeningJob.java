package io.microdrops.drop;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute ({@code drops.drop-live.interval}), publishes the opening of each drop
 * that opened since, on one node at a time; the row claim in {@link DropOpenings} keeps
 * it to once per drop even if two runs overlap.
 */
@Component
class OpeningJob {

	private static final Logger logger = LoggerFactory.getLogger(OpeningJob.class);

	private final DropOpenings openings;

	OpeningJob(DropOpenings openings) {
		this.openings = openings;
	}

	/**
	 * Publishes every due opening, one drop per transaction, unless another node is at
	 * it.
	 */
	@Scheduled(fixedDelayString = "${drops.drop-live.interval:PT1M}",
			initialDelayString = "${drops.drop-live.interval:PT1M}")
	@SchedulerLock(name = "drop-openings", lockAtMostFor = "PT10M")
	public void run() {
		for (String slug : this.openings.due()) {
			try {
				this.openings.publishIfOpen(slug);
			}
			catch (RuntimeException ex) {
				// One drop's failure must not hold back the others; it is retried next
				// run.
				logger.warn("Could not publish the opening of drop {}", slug, ex);
			}
		}
	}

}
