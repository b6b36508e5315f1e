package io.microdrops.secondchance;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every 15 seconds ({@code drops.second-chance.interval}), passes on the offers that
 * lapsed and holds a unit for every offer still waiting for one. Safe on any number of
 * nodes: every step is a conditional update, and holds are keyed by the offer.
 */
@Component
class SecondChanceJob {

	private final SecondChances secondChances;

	SecondChanceJob(SecondChances secondChances) {
		this.secondChances = secondChances;
	}

	@Scheduled(fixedDelayString = "${drops.second-chance.interval:PT15S}",
			initialDelayString = "${drops.second-chance.initial-delay:PT20S}")
	void run() {
		this.secondChances.runDue();
	}

}
