package io.microdrops.hooks;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hooks and their delivery outbox. Writing an event's deliveries happens in the
 * transaction of the listener that handles the event, so the event publication is only
 * marked complete once every hook's delivery row exists; the sender claims due rows with
 * a lease, so each is posted by one sender at a time.
 */
@Component
class HookOutbox {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String DELIVERY_COLUMNS = """
			d.id, d.webhook_id, w.url, w.secret, d.event_type, d.payload, d.status, d.attempts, d.next_attempt_at,
			d.response_status, d.response_body, d.last_error, d.created_at, d.delivered_at
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final HookPayloads payloads;

	HookOutbox(JdbcClient jdbc, Clock clock, HookPayloads payloads) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.payloads = payloads;
	}

	static String newSecret() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Transactional
	Webhook add(UUID community, String url, String secret) {
		Webhook hook = new Webhook(UUID.randomUUID(), community, url.strip(), secret, this.clock.instant());
		this.jdbc
			.sql("insert into community_webhooks (id, community_id, url, secret, created_at) values (?, ?, ?, ?, ?)")
			.params(hook.id(), community, hook.url(), secret, Timestamp.from(hook.createdAt()))
			.update();
		return hook;
	}

	@Transactional
	boolean remove(UUID community, UUID id) {
		return this.jdbc.sql("delete from community_webhooks where id = ? and community_id = ?")
			.params(id, community)
			.update() > 0;
	}

	@Transactional(readOnly = true)
	List<Webhook> hooksOf(UUID community) {
		return this.jdbc
			.sql("select id, community_id, url, secret, created_at from community_webhooks where community_id = ? "
					+ "order by created_at")
			.param(community)
			.query((rs, row) -> new Webhook(rs.getObject("id", UUID.class), rs.getObject("community_id", UUID.class),
					rs.getString("url"), rs.getString("secret"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	@Transactional(readOnly = true)
	List<Delivery> recent(UUID community, int limit) {
		return this.jdbc.sql("select " + DELIVERY_COLUMNS + """
				from webhook_deliveries d join community_webhooks w on w.id = d.webhook_id
				where w.community_id = ? order by d.created_at desc, d.id limit ?
				""").params(community, limit).query(HookOutbox::map).list();
	}

	@Transactional(readOnly = true)
	Optional<Delivery> find(UUID id) {
		return this.jdbc
			.sql("select " + DELIVERY_COLUMNS
					+ " from webhook_deliveries d join community_webhooks w on w.id = d.webhook_id where d.id = ?")
			.param(id)
			.query(HookOutbox::map)
			.optional();
	}

	/**
	 * Writes one delivery of the event per hook of its community (order events skip
	 * Discord channels: a public channel is no place for orders). An event already
	 * written for a hook is not written again.
	 * @param event the event
	 * @return how many deliveries were written
	 */
	@Transactional
	int enqueue(HookEvent event) {
		int written = 0;
		Instant now = this.clock.instant();
		for (Webhook hook : hooksOf(event.drop().communityId())) {
			if (hook.isDiscord() && event.isOrderEvent()) {
				continue;
			}
			String payload = hook.isDiscord() ? this.payloads.discord(event) : this.payloads.generic(event);
			Instant due = (event.notBefore() != null && event.notBefore().isAfter(now)) ? event.notBefore() : now;
			written += this.jdbc.sql("""
					insert into webhook_deliveries (id, webhook_id, event_type, event_key, drop_id, payload,
					    next_attempt_at, created_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (webhook_id, event_key) do nothing
					""")
				.params(UUID.randomUUID(), hook.id(), event.type(), event.key(), event.drop().id(), payload,
						Timestamp.from(due), Timestamp.from(now))
				.update();
		}
		return written;
	}

	/**
	 * Cancels a drop's deliveries of one type that are not due yet, e.g. an announcement
	 * planned for a drop that went back to draft.
	 * @param drop the drop
	 * @param eventType the event
	 * @return how many were cancelled
	 */
	@Transactional
	int cancelPlanned(UUID drop, String eventType) {
		return this.jdbc.sql("""
				update webhook_deliveries set status = 'CANCELLED'
				where drop_id = ? and event_type = ? and status = 'PENDING' and attempts = 0 and next_attempt_at > ?
				""").params(drop, eventType, Timestamp.from(this.clock.instant())).update();
	}

	@Transactional
	List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit) {
		return this.jdbc.sql("""
				with claimed as (
				  update webhook_deliveries
				     set status = 'SENDING', lease_until = :leaseUntil, attempts = attempts + 1
				   where id in (select id from webhook_deliveries
				                 where (status = 'PENDING' and next_attempt_at <= :now)
				                    or (status = 'SENDING' and lease_until <= :now)
				                 order by next_attempt_at
				                 limit :limit
				                 for update skip locked)
				  returning *)
				select
				""" + DELIVERY_COLUMNS + """
				from claimed d join community_webhooks w on w.id = d.webhook_id order by d.next_attempt_at
				""")
			.param("now", Timestamp.from(now))
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("limit", limit)
			.query(HookOutbox::map)
			.list();
	}

	@Transactional
	void markDelivered(UUID id, int status, String body, Instant at) {
		this.jdbc.sql("""
				update webhook_deliveries set status = 'DELIVERED', response_status = ?, response_body = ?,
				    last_error = null, delivered_at = ?, lease_until = null
				where id = ? and status = 'SENDING'
				""").params(status, body, Timestamp.from(at), id).update();
	}

	@Transactional
	void recordFailure(UUID id, Integer status, String body, String error, Instant nextAttemptAt) {
		this.jdbc.sql("""
				update webhook_deliveries set status = ?, response_status = ?, response_body = ?, last_error = ?,
				    next_attempt_at = coalesce(?, next_attempt_at), lease_until = null
				where id = ? and status = 'SENDING'
				""")
			.params((nextAttemptAt != null) ? "PENDING" : "FAILED", status, body, error,
					(nextAttemptAt != null) ? Timestamp.from(nextAttemptAt) : null, id)
			.update();
	}

	private static Delivery map(ResultSet rs, int row) throws SQLException {
		Timestamp delivered = rs.getTimestamp("delivered_at");
		return new Delivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class), rs.getString("url"),
				rs.getString("secret"), rs.getString("event_type"), rs.getString("payload"), rs.getString("status"),
				rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(),
				(Integer) rs.getObject("response_status"), rs.getString("response_body"), rs.getString("last_error"),
				rs.getTimestamp("created_at").toInstant(), (delivered != null) ? delivered.toInstant() : null);
	}

}
