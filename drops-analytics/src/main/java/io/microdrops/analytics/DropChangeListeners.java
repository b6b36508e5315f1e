package io.microdrops.analytics;

import java.util.UUID;

import io.microdrops.drop.DropId;
import io.microdrops.drop.DropRevised;
import io.microdrops.drop.DropScheduled;
import io.microdrops.drop.DropUnscheduled;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A drop scheduled, changed or unscheduled changes which drop comes after which in its
 * community, so the community's retention is recomputed at the next refresh.
 */
@Component
class DropChangeListeners {

	private final AnalyticsRefresh refresh;

	private final JdbcClient jdbc;

	DropChangeListeners(AnalyticsRefresh refresh, JdbcClient jdbc) {
		this.refresh = refresh;
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(DropScheduled event) {
		this.refresh.markDirty(event.community().value());
	}

	@ApplicationModuleListener
	void on(DropRevised event) {
		markCommunityOf(event.drop());
	}

	@ApplicationModuleListener
	void on(DropUnscheduled event) {
		markCommunityOf(event.drop());
	}

	private void markCommunityOf(DropId drop) {
		this.jdbc.sql("select community_id from drops where id = ?")
			.param(drop.value())
			.query(UUID.class)
			.optional()
			.ifPresent(this.refresh::markDirty);
	}

}
