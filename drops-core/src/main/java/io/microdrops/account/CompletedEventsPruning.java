package io.microdrops.account;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the event publication registry from becoming a second, unerasable copy of fans'
 * data: a publication that every listener completed is deleted once it is older than
 * {@code drops.events.keep-completed} (default 7 days, long enough to look into what
 * happened), every {@code drops.events.prune-interval}, on one node at a time; and the
 * completed publications naming a deleted account go with the account, in the deletion's
 * transaction. Publications not completed yet stay: they are the work still owed.
 */
@Component
class CompletedEventsPruning {

	private final CompletedEventPublications completed;

	private final JdbcClient jdbc;

	private final Duration keep;

	CompletedEventsPruning(CompletedEventPublications completed, JdbcClient jdbc,
			@Value("${drops.events.keep-completed:P7D}") Duration keep) {
		if (keep.isNegative()) {
			throw new IllegalArgumentException("drops.events.keep-completed must not be negative, not " + keep);
		}
		this.completed = completed;
		this.jdbc = jdbc;
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

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("delete from event_publication where completion_date is not null and serialized_event like ?")
			.param("%" + event.account().value() + "%")
			.update();
	}

}
