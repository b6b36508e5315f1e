package io.microdrops.platform;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event whose listener failed (the database was away, say) is delivered again while
 * the app runs, without a restart, and its publication is then complete.
 */
@SpringBootTest(properties = { "drops.events.retry-interval=PT1S", "drops.events.retry-min-age=PT0S" })
@Import(EventPublicationRetriesIntegrationTests.FailsOnce.class)
class EventPublicationRetriesIntegrationTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	FailsOnce listener;

	@Test
	void aFailedListenerGetsTheEventAgainAndItsPublicationCompletes() {
		UUID id = UUID.randomUUID();

		this.transactions.executeWithoutResult(status -> this.events.publishEvent(new Flaky(id)));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.listener.calls(id)).isGreaterThanOrEqualTo(2);
			assertThat(this.jdbc.queryForObject(
					"select count(*) from event_publication where serialized_event like ? and completion_date is null",
					Integer.class, "%" + id + "%"))
				.isZero();
		});
		assertThat(this.jdbc.queryForObject(
				"select count(*) from event_publication where serialized_event like ? and completion_date is not null",
				Integer.class, "%" + id + "%"))
			.isOne();
	}

	/**
	 * An event for the test.
	 *
	 * @param id tells the test's events apart
	 */
	record Flaky(UUID id) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailsOnce {

		private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();

		@ApplicationModuleListener
		void on(Flaky event) {
			if (this.calls.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet() == 1) {
				throw new IllegalStateException("The first delivery fails, as when the database is away");
			}
		}

		int calls(UUID id) {
			AtomicInteger count = this.calls.get(id);
			return (count != null) ? count.get() : 0;
		}

	}

}
