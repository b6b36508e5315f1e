package io.microdrops.checkout;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases expired holds every few seconds. Safe on any number of nodes: each node skips
 * the holds another is releasing, so every hold is released exactly once.
 */
@Component
class ExpiryJob {

	private final Checkout checkout;

	ExpiryJob(Checkout checkout) {
		this.checkout = checkout;
	}

	@Scheduled(fixedDelayString = "${drops.checkout.expiry-interval:PT5S}",
			initialDelayString = "${drops.checkout.expiry-initial-delay:PT5S}")
	void releaseExpiredHolds() {
		while (this.checkout.releaseExpired(200) == 200) {
			// A full batch means more may be waiting.
		}
	}

}
