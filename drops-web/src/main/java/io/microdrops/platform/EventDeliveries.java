package io.microdrops.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the event registry has not delivered yet: work one part of Drops handed to another
 * (an order's fulfilment, a take-back and its refund, mail, analytics) that is still
 * waiting or being retried, grouped by event and listener. Read from Spring Modulith's
 * {@code event_publication} table, which keeps every publication until its listener
 * completes.
 */
@Component
class EventDeliveries {

	private final JdbcClient jdbc;

	EventDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Lists the deliveries not done, oldest first.
	 * @return one line per event, listener and state
	 */
	@Transactional(readOnly = true)
	List<Waiting> waiting() {
		return this.jdbc.sql("""
				select event_type, listener_id, coalesce(status, 'PUBLISHED') as status, count(*) as deliveries,
				       min(publication_date) as oldest, max(coalesce(completion_attempts, 0)) as attempts,
				       max(last_resubmission_date) as last_retry
				from event_publication where completion_date is null
				group by event_type, listener_id, coalesce(status, 'PUBLISHED')
				order by oldest
				""")
			.query((rs, row) -> new Waiting(shortName(rs.getString("event_type")),
					shortListener(rs.getString("listener_id")), rs.getString("status"), rs.getLong("deliveries"),
					instant(rs.getTimestamp("oldest")), rs.getInt("attempts"), instant(rs.getTimestamp("last_retry"))))
			.list();
	}

	/** {@code io.microdrops.fulfilment.OrderCancelled} → {@code OrderCancelled}. */
	static String shortName(String type) {
		return type.substring(type.lastIndexOf('.') + 1);
	}

	/**
	 * {@code io.microdrops.fulfilment.OrderTakeBacks.on(io.microdrops.fulfilment.OrderCancelled)}
	 * → {@code OrderTakeBacks.on(OrderCancelled)}.
	 */
	static String shortListener(String listener) {
		int open = listener.indexOf('(');
		String method = (open < 0) ? listener : listener.substring(0, open);
		String owner = method.substring(0, Math.max(0, method.lastIndexOf('.')));
		String shortMethod = shortName(owner) + method.substring(owner.length());
		if (open < 0) {
			return shortMethod;
		}
		String arguments = listener.substring(open + 1, listener.length() - 1);
		return shortMethod + "(" + (arguments.isEmpty() ? "" : shortName(arguments)) + ")";
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * Deliveries of one event to one listener in one state.
	 *
	 * @param event the event's class name
	 * @param listener the listener's class and method
	 * @param status {@code PUBLISHED} (waiting for its listener), {@code PROCESSING},
	 * {@code FAILED} (to be retried) or {@code RESUBMITTED}
	 * @param deliveries how many
	 * @param oldest the oldest one's publication
	 * @param attempts the most attempts any of them took
	 * @param lastRetry the last time one was tried again, or {@code null}
	 */
	record Waiting(String event, String listener, String status, long deliveries, Instant oldest, int attempts,
			Instant lastRetry) {
	}

}
