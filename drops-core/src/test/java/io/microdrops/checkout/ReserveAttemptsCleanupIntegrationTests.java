package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@SpringBootTest(properties = "drops.checkout.attempts-retention=P10D")
class ReserveAttemptsCleanupIntegrationTests {

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	ReserveAttemptsCleanup cleanup;

	@Test
	void deletesTheCountsOfSecondsOlderThanTheRetentionAndKeepsTheRest() {
		CheckoutFixtures fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
		UUID drop = fixtures.idOf(fixtures.openDrop(10, 2, 10, Instant.now())).value();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant old = now.minus(Duration.ofDays(31));
		Instant edge = now.minus(Duration.ofDays(30)).plusSeconds(1);
		Instant recent = now.minus(Duration.ofDays(2));
		for (Instant second : new Instant[] { old, old.plusSeconds(1), edge, recent }) {
			this.jdbc.update("insert into reserve_attempts (drop_id, second, attempts) values (?, ?, 5)", drop,
					Timestamp.from(second));
		}

		int deleted = new ReserveAttemptsCleanup(this.jdbcClient, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC))
			.purgeOldAttempts();

		assertThat(deleted).isGreaterThanOrEqualTo(2);
		assertThat(this.jdbc.queryForList("select second from reserve_attempts where drop_id = ? order by second",
				Timestamp.class, drop))
			.extracting(Timestamp::toInstant)
			.containsExactly(edge, recent);
	}

	@Test
	void theScheduledJobUsesTheConfiguredRetention() {
		CheckoutFixtures fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
		UUID drop = fixtures.idOf(fixtures.openDrop(10, 2, 10, Instant.now())).value();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.jdbc.update("insert into reserve_attempts (drop_id, second, attempts) values (?, ?, 1), (?, ?, 1)", drop,
				Timestamp.from(now.minus(Duration.ofDays(11))), drop, Timestamp.from(now.minus(Duration.ofDays(9))));

		this.cleanup.run();

		assertThat(this.jdbc.queryForObject("select count(*) from reserve_attempts where drop_id = ?", Integer.class,
				drop))
			.isEqualTo(1);
	}

	@Test
	void refusesARetentionThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReserveAttemptsCleanup(this.jdbcClient, Duration.ZERO, Clock.systemUTC()))
			.withMessageContaining("drops.checkout.attempts-retention");
	}

}
