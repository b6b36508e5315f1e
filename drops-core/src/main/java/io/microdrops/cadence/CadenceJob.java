package io.microdrops.cadence;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every active cadence expanded up to its horizon, every few minutes
 * ({@code drops.cadence.run-interval}, default five minutes), on one node at a time.
 */
@Component
class CadenceJob {

	private final CadenceManagement cadences;

	CadenceJob(CadenceManagement cadences) {
		this.cadences = cadences;
	}

	/**
	 * Runs one expansion of every active cadence, unless another node holds the lock.
	 */
	@Scheduled(fixedDelayString = "${drops.cadence.run-interval:PT5M}",
			initialDelayString = "${drops.cadence.initial-delay:PT1M}")
	@SchedulerLock(name = "cadence-expansion", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
	public void run() {
		this.cadences.runNow();
	}

}
