package io.microdrops.account;

import jakarta.annotation.PreDestroy;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the API tokens' last uses this node noted, every
 * {@code drops.api.last-used-flush-interval} ({@code PT5S}) and when the node stops.
 */
@Component
class LastUseFlushing {

	private final ApiTokenManagement tokens;

	LastUseFlushing(ApiTokenManagement tokens) {
		this.tokens = tokens;
	}

	@Scheduled(fixedDelayString = "${drops.api.last-used-flush-interval:PT5S}",
			initialDelayString = "${drops.api.last-used-flush-interval:PT5S}")
	void flush() {
		this.tokens.flushLastUses();
	}

	@PreDestroy
	void flushOnStop() {
		this.tokens.flushLastUses();
	}

}
