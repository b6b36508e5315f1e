package io.microdrops.platform;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Delivers again the events whose listener failed, while the application runs: an order
 * placed while the database restarted, or on a node that was killed, still gets its
 * fulfilment order and its mail without waiting for a restart. Spring Modulith marks a
 * publication failed when its listener throws, and (its staleness monitor,
 * {@code spring.modulith.events.staleness.*}) when it stayed published or processing too
 * long because the node died or the database was gone. Listeners are idempotent, since
 * the registry delivers at least once. One node at a time.
 */
@Component
class EventPublicationRetries {

	private static final Logger logger = LoggerFactory.getLogger(EventPublicationRetries.class);

	private final FailedEventPublications failed;

	private final ResubmissionOptions options;

	private final Duration interval;

	EventPublicationRetries(FailedEventPublications failed,
			@Value("${drops.events.retry-min-age:PT10S}") Duration minAge,
			@Value("${drops.events.retry-interval:PT15S}") Duration interval) {
		this.failed = failed;
		this.options = ResubmissionOptions.defaults().withMinAge(minAge).withBatchSize(200);
		this.interval = interval;
	}

	/**
	 * Returns how often failed publications are delivered again.
	 * @return the pause between two rounds
	 */
	public Duration interval() {
		return this.interval;
	}

	@Scheduled(fixedDelayString = "${drops.events.retry-interval:PT15S}",
			initialDelayString = "${drops.events.retry-interval:PT15S}")
	// Held briefly: the listeners run asynchronously. When the database goes away while
	// it is held, the lock cannot be released and stays until lockAtMostFor.
	@SchedulerLock(name = "event-publication-retries", lockAtMostFor = "PT30S")
	void resubmitFailed() {
		try {
			this.failed.resubmit(this.options);
		}
		catch (DataAccessException | TransactionException ex) {
			// The database is away; the next run tries again.
			logger.warn("Could not resubmit failed event publications: {}", ex.getMessage());
		}
	}

}
