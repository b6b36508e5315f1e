package io.microdrops.draw;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every 15 seconds ({@code drops.draw.interval}), holds the draws whose entries closed,
 * makes the outstanding reservations and passes on units nobody bought in time. A unit is
 * normally passed on the moment its hold expires or is given back; this run catches the
 * ones a stopped node or a failed attempt left behind.
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
