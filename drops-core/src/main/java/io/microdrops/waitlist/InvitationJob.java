package io.microdrops.waitlist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute ({@code drops.waitlist.invite-interval}), publishes the early-access
 * invitation of each drop whose waitlist members may start buying. Several nodes may run
 * it at once: each drop's invitation is claimed by one of them only.
 */
@Component
class InvitationJob {

	private static final Logger logger = LoggerFactory.getLogger(InvitationJob.class);

	private final WaitlistManagement waitlists;

	InvitationJob(WaitlistManagement waitlists) {
		this.waitlists = waitlists;
	}

	/**
	 * Invites every due waitlist, one drop per transaction.
	 * @return how many invitations this run published
	 */
	@Scheduled(fixedDelayString = "${drops.waitlist.invite-interval:PT1M}",
			initialDelayString = "${drops.waitlist.invite-initial-delay:PT30S}")
	public int run() {
		int published = 0;
		for (String slug : this.waitlists.uninvitedWaitlists()) {
			try {
				if (this.waitlists.inviteIfDue(slug)) {
					published++;
				}
			}
			catch (RuntimeException ex) {
				// One drop's failure must not hold back the others; it is retried next
				// run.
				logger.warn("Could not invite the waitlist of drop {}", slug, ex);
			}
		}
		return published;
	}

}
