package io.microdrops.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event publication registry keeps completed publications for a week, and the work
 * still owed for ever.
 */
@SpringBootTest
class CompletedEventsPruningIntegrationTests {

	@Autowired
	CompletedEventsPruning pruning;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void deletesCompletedPublicationsOlderThanAWeekAndKeepsRecentAndUnfinishedOnes() {
		Instant now = Instant.now();
		UUID old = publication(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)));
		UUID recent = publication(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
		UUID unfinished = publication(now.minus(Duration.ofDays(30)), null);

		this.pruning.run();

		assertThat(exists(old)).as("completed eight days ago").isFalse();
		assertThat(exists(recent)).as("completed yesterday").isTrue();
		assertThat(exists(unfinished)).as("not completed").isTrue();
	}

	private UUID publication(Instant published, Instant completed) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				                               completion_date, status, completion_attempts)
				values (?, 'test.Listener', 'test.Event', ?, ?, ?, ?, 1)
				""", id, "{\"id\":\"" + id + "\"}", Timestamp.from(published),
				(completed != null) ? Timestamp.from(completed) : null, (completed != null) ? "COMPLETED" : "FAILED");
		return id;
	}

	private boolean exists(UUID id) {
		return Boolean.TRUE.equals(this.jdbc
			.queryForObject("select exists (select 1 from event_publication where id = ?)", Boolean.class, id));
	}

}
