package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.microdrops.shared.Slug;
import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts reserve attempts per drop and second for the live monitor, without adding a
 * write to the reserve path: each node counts in memory (a {@link LongAdder} per drop and
 * second, which many threads bump without contending) and adds the counts of every
 * finished second to {@code reserve_attempts} about once a second, one row per drop and
 * second, summed across nodes. A node that stops loses at most its last second or two.
 */
@Component
class ReserveAttempts {

	private static final Log logger = LogFactory.getLog(ReserveAttempts.class);

	private final Map<Bucket, LongAdder> counts = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	ReserveAttempts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void count(String dropSlug) {
		// Only what could be a drop: the map never holds junk of arbitrary size.
		if (Slug.isValid(dropSlug)) {
			this.counts
				.computeIfAbsent(new Bucket(dropSlug, this.clock.instant().getEpochSecond()), bucket -> new LongAdder())
				.increment();
		}
	}

	@Scheduled(fixedDelayString = "${drops.checkout.attempts-flush-interval:PT1S}")
	void flushFinishedSeconds() {
		flush(this.clock.instant().getEpochSecond());
	}

	@PreDestroy
	void flushAll() {
		try {
			flush(Long.MAX_VALUE);
		}
		catch (DataAccessException ex) {
			// Shutting down with the database gone: the last counts are not worth a
			// failure.
			logger.debug("Reserve attempts of the last seconds were not saved", ex);
		}
	}

	/**
	 * Adds the counts of every second before {@code until} to the table.
	 * @return how many (drop, second) counts were written
	 */
	int flush(long until) {
		List<Object[]> rows = new ArrayList<>();
		for (Bucket bucket : List.copyOf(this.counts.keySet())) {
			if (bucket.epochSecond() < until) {
				LongAdder adder = this.counts.remove(bucket);
				if (adder != null && adder.sum() > 0) {
					rows.add(new Object[] { bucket.dropSlug(),
							Timestamp.from(Instant.ofEpochSecond(bucket.epochSecond())), (int) adder.sum() });
				}
			}
		}
		for (Object[] row : rows) {
			// Unknown slugs find no drop and add nothing.
			this.jdbc.sql("""
					insert into reserve_attempts (drop_id, second, attempts)
					select d.id, ?, ? from drops d where d.slug = ?
					on conflict (drop_id, second) do update set attempts = reserve_attempts.attempts + excluded.attempts
					""").params(row[1], row[2], row[0]).update();
		}
		return rows.size();
	}

	private record Bucket(String dropSlug, long epochSecond) {
	}

}
