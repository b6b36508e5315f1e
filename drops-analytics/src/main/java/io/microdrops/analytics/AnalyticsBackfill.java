package io.microdrops.analytics;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start with analytics, counts what the shop sold before: the aggregates are
 * rebuilt once from its tables. Several nodes starting together rebuild once (advisory
 * lock, then the marker row).
 */
@Component
@Order(5)
class AnalyticsBackfill implements ApplicationRunner {

	private final AnalyticsHistory history;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	AnalyticsBackfill(AnalyticsHistory history, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.history = history;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.history.everRebuilt()) {
			return;
		}
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended('analytics-backfill', 7))")
				.query((rs, row) -> rs.getObject(1))
				.list();
			if (!this.history.everRebuilt()) {
				this.history.rebuild();
			}
		});
	}

}
