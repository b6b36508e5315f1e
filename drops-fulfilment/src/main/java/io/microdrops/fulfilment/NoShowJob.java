package io.microdrops.fulfilment;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks pickups nobody collected as no-shows once they have waited
 * {@code drops.fulfilment.no-show-after} (default seven days) since they were ready,
 * every {@code drops.fulfilment.no-show-interval} (default an hour), on one node at a
 * time.
 */
@Component
class NoShowJob {

	private final FulfilmentManagement fulfilment;

	private final Duration after;

	NoShowJob(FulfilmentManagement fulfilment, @Value("${drops.fulfilment.no-show-after:P7D}") Duration after) {
		this.fulfilment = fulfilment;
		this.after = after;
	}

	@Scheduled(fixedDelayString = "${drops.fulfilment.no-show-interval:PT1H}",
			initialDelayString = "${drops.fulfilment.no-show-initial-delay:PT2M}")
	@SchedulerLock(name = "pickup-no-shows", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
	public void run() {
		this.fulfilment.markUncollected(this.after);
	}

}
