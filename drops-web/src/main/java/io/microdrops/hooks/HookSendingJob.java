package io.microdrops.hooks;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Posts due hook deliveries every few seconds ({@code drops.hooks.send-interval}, default
 * five), on one node at a time.
 */
@Component
class HookSendingJob {

	private final HookSender sender;

	HookSendingJob(HookSender sender) {
		this.sender = sender;
	}

	/**
	 * Posts what is due, a few batches at most, unless another node is at it.
	 */
	@Scheduled(fixedDelayString = "${drops.hooks.send-interval:PT5S}",
			initialDelayString = "${drops.hooks.send-interval:PT5S}")
	@SchedulerLock(name = "webhook-deliveries", lockAtMostFor = "PT10M")
	public void run() {
		for (int batch = 0; batch < 10; batch++) {
			if (this.sender.sendDue() < HookSender.BATCH_SIZE) {
				return;
			}
		}
	}

}
