package io.microdrops.notification;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due mail every few seconds ({@code drops.mail.send-interval}, default five), on
 * one node at a time.
 */
@Component
class OutboxSendingJob {

	private final OutboxSender sender;

	OutboxSendingJob(OutboxSender sender) {
		this.sender = sender;
	}

	/**
	 * Sends what is due, unless another node is at it.
	 */
	@Scheduled(fixedDelayString = "${drops.mail.send-interval:PT5S}",
			initialDelayString = "${drops.mail.send-interval:PT5S}")
	@SchedulerLock(name = "mail-outbox", lockAtMostFor = "PT15M")
	public void run() {
		this.sender.sendDue();
	}

}
