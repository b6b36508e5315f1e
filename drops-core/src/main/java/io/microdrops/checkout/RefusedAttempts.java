package io.microdrops.checkout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.microdrops.drop.DropId;
import io.microdrops.shared.Slug;
import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts refused attempts per drop and {@link RefusalReason reason} for the drop's
 * transparency page, without a write on the request path: each node counts in memory and
 * adds its counts to {@code drop_refusals} about once a second. A node that stops loses
 * at most its last second of counts; the published figures say so.
 */
@Component
public class RefusedAttempts {

	private static final Log logger = LogFactory.getLog(RefusedAttempts.class);

	private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	RefusedAttempts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts one refused attempt at a drop. Cheap enough for the sold-out path; a slug
	 * that cannot be a drop's is ignored.
	 * @param dropSlug the drop the fan reached for
	 * @param reason why it was refused
	 */
	public void count(String dropSlug, RefusalReason reason) {
		if (dropSlug != null && Slug.isValid(dropSlug)) {
			this.counts.computeIfAbsent(new Key(dropSlug, reason), key -> new LongAdder()).increment();
		}
	}

	/**
	 * Returns the refused attempts of a drop by reason, as saved by every node (the last
	 * second's counts may still be on their way).
	 * @param drop the drop
	 * @return refusals per reason, only reasons that occurred, most frequent first
	 */
	public Map<RefusalReason, Long> byReason(DropId drop) {
		Map<RefusalReason, Long> result = new LinkedHashMap<>();
		this.jdbc.sql("select reason, refusals from drop_refusals where drop_id = ? order by refusals desc, reason")
			.param(drop.value())
			.query((rs, row) -> {
				String code = rs.getString(1);
				for (RefusalReason reason : RefusalReason.values()) {
					if (reason.code().equals(code)) {
						result.put(reason, rs.getLong(2));
					}
				}
				return code;
			})
			.list();
		return result;
	}

	@Scheduled(fixedDelayString = "${drops.checkout.attempts-flush-interval:PT1S}")
	void flushCounts() {
		flush();
	}

	@PreDestroy
	void flushAll() {
		try {
			flush();
		}
		catch (DataAccessException ex) {
			// Shutting down with the database gone: the last counts are not worth a
			// failure.
			logger.debug("Refused attempts of the last second were not saved", ex);
		}
	}

	/**
	 * Adds every count made so far to the table.
	 * @return how many (drop, reason) counts were written
	 */
	int flush() {
		List<Object[]> rows = new ArrayList<>();
		for (Key key : List.copyOf(this.counts.keySet())) {
			LongAdder adder = this.counts.remove(key);
			long sum = (adder != null) ? adder.sumThenReset() : 0;
			if (sum > 0) {
				rows.add(new Object[] { key.dropSlug(), key.reason().code(), sum });
			}
		}
		for (Object[] row : rows) {
			try {
				// Unknown slugs find no drop and add nothing.
				this.jdbc
					.sql("""
							insert into drop_refusals (drop_id, reason, refusals)
							select d.id, ?, ? from drops d where d.slug = ?
							on conflict (drop_id, reason) do update set refusals = drop_refusals.refusals + excluded.refusals
							""")
					.params(row[1], row[2], row[0])
					.update();
			}
			catch (DataAccessException ex) {
				// Put back for the next flush rather than lose them while the database is
				// away.
				this.counts.computeIfAbsent(new Key((String) row[0], reasonOf((String) row[1])), k -> new LongAdder())
					.add((long) row[2]);
				throw ex;
			}
		}
		return rows.size();
	}

	private static RefusalReason reasonOf(String code) {
		for (RefusalReason reason : RefusalReason.values()) {
			if (reason.code().equals(code)) {
				return reason;
			}
		}
		throw new IllegalArgumentException(code);
	}

	private record Key(String dropSlug, RefusalReason reason) {
	}

}
