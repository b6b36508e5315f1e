package io.microdrops.notification;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Mails due follow-ups every minute ({@code drops.follow-up.run-interval}), on one node
 * at a time.
 */
@Component
class FollowUpJob {

	private final FollowUpMails mails;

	FollowUpJob(FollowUpMails mails) {
		this.mails = mails;
	}

	/**
	 * Mails what is due, a batch at a time, unless another node is at it.
	 */
	@Scheduled(fixedDelayString = "${drops.follow-up.run-interval:PT1M}",
			initialDelayString = "${drops.follow-up.run-interval:PT1M}")
	@SchedulerLock(name = "follow-ups", lockAtMostFor = "PT15M")
	public void run() {
		while (this.mails.sendDue(200) == 200) {
			// A full batch: more may be waiting.
		}
	}

}
