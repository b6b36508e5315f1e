package io.microdrops.analytics;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes retention and the shop's month cohorts every
 * {@code drops.analytics.refresh-interval}, on one node at a time.
 */
@Component
class AnalyticsRefreshJob {

	private final AnalyticsRefresh refresh;

	AnalyticsRefreshJob(AnalyticsRefresh refresh) {
		this.refresh = refresh;
	}

	@Scheduled(fixedDelayString = "${drops.analytics.refresh-interval:PT1M}",
			initialDelayString = "${drops.analytics.refresh-interval:PT1M}")
	@SchedulerLock(name = "analytics-refresh", lockAtMostFor = "PT10M")
	void refresh() {
		this.refresh.refresh();
	}

}
