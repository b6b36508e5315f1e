package io.microdrops.platform;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the event publication registry from becoming a lasting copy of fans' data: a
 * publication that every listener completed is deleted once it is older than
 * {@code drops.events.keep-completed} (default 7 days, long enough to look into what
 * happened), every {@code drops.events.prune-interval}, on one node at a time. (Those
 * naming a deleted account go at once: {@link EventLogErasure}.) Publications not
 * completed yet stay: they are the work still owed.
 */
@Component
class CompletedEventsPruning {

	private final CompletedEventPublications completed;

	private final Duration keep;

	CompletedEventsPruning(CompletedEventPublications completed,
			@Value("${drops.events.keep-completed:P7D}") Duration keep) {
		if (keep.isNegative()) {
			throw new IllegalArgumentException("drops.events.keep-completed must not be negative, not " + keep);
		}
		this.completed = completed;
		this.keep = keep;
	}

	/**
	 * Deletes the completed publications older than the time they are kept, unless
	 * another node holds the lock.
	 */
	@Scheduled(fixedDelayString = "${drops.events.prune-interval:PT1H}", initialDelayString = "PT5M")
	@SchedulerLock(name = "completed-events-pruning", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
	public void run() {
		this.completed.deletePublicationsOlderThan(this.keep);
	}

}
