package io.microdrops.waitingroom;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every few seconds ({@code drops.waiting-room.admit-interval}, default 5 s) runs an
 * admission round for each drop whose waiting room may admit, on one node at a time
 * (ShedLock); each round also takes its room's row lock, so overlapping rounds (a lock
 * that ran out, a test) never admit twice.
 */
@Component
class AdmissionJob {

	private static final Logger logger = LoggerFactory.getLogger(AdmissionJob.class);

	private final WaitingRoom rooms;

	AdmissionJob(WaitingRoom rooms) {
		this.rooms = rooms;
	}

	/**
	 * Admits what is due, unless another node is at it.
	 */
	@Scheduled(fixedDelayString = "${drops.waiting-room.admit-interval:PT5S}",
			initialDelayString = "${drops.waiting-room.initial-delay:PT5S}")
	@SchedulerLock(name = "waiting-room-admissions", lockAtMostFor = "PT5M")
	public void run() {
		admitDue();
	}

	/**
	 * Runs an admission round for every drop that may admit.
	 * @return fans admitted
	 */
	int admitDue() {
		int admitted = 0;
		for (String slug : this.rooms.due()) {
			try {
				admitted += this.rooms.admit(slug);
			}
			catch (RuntimeException ex) {
				// One drop's failure must not hold back the others; the next run tries
				// again.
				logger.warn("Could not admit fans to drop {}", slug, ex);
			}
		}
		return admitted;
	}

}
