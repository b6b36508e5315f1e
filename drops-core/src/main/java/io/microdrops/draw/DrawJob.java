package io.microdrops.draw;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every 15 seconds ({@code drops.draw.interval}), holds the draws whose entries closed,
 * makes the outstanding reservations and passes on units nobody bought in time.
 */
@Component
class DrawJob {

	private final DrawManagement draws;

	DrawJob(DrawManagement draws) {
		this.draws = draws;
	}

	@Scheduled(fixedDelayString = "${drops.draw.interval:PT15S}",
			initialDelayString = "${drops.draw.initial-delay:PT20S}")
	void run() {
		this.draws.runDue();
	}

}
