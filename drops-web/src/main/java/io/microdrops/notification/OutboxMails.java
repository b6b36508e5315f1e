package io.microdrops.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_outbox} table. Claiming uses {@code FOR UPDATE SKIP LOCKED}, so senders
 * on several nodes never pick the same mail, and hands each claimed mail a lease: a
 * sender that dies mid-attempt lets its mail be claimed again once the lease runs out.
 */
@Repository
class OutboxMails {

	private static final String COLUMNS = "id, recipient, account_id, template, subject, text_body, html_body, "
			+ "marketing, unsubscribe_url, status, attempts, next_attempt_at, lease_until, last_error, created_at, "
			+ "sent_at";

	private final JdbcClient jdbc;

	OutboxMails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<MailOutbox.MailSummary> summariesOf(UUID account) {
		return this.jdbc.sql("""
				select recipient, subject, status, created_at, sent_at from mail_outbox
				where account_id = ? order by created_at desc, id
				""")
			.param(account)
			.query((rs, row) -> new MailOutbox.MailSummary(rs.getString("recipient"), rs.getString("subject"),
					rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
					(rs.getTimestamp("sent_at") != null) ? rs.getTimestamp("sent_at").toInstant() : null))
			.list();
	}

	void insert(StoredMail mail) {
		this.jdbc.sql("""
				insert into mail_outbox (id, recipient, account_id, template, subject, text_body, html_body, marketing,
				                         unsubscribe_url, status, attempts, next_attempt_at, created_at)
				values (:id, :recipient, :account, :template, :subject, :text, :html, :marketing, :unsubscribe,
				        'PENDING', 0, :createdAt, :createdAt)
				""")
			.param("id", mail.id())
			.param("recipient", mail.recipient())
			.param("account", mail.accountId())
			.param("template", mail.template())
			.param("subject", mail.subject())
			.param("text", mail.textBody())
			.param("html", mail.htmlBody())
			.param("marketing", mail.marketing())
			.param("unsubscribe", mail.unsubscribeUrl())
			.param("createdAt", Timestamp.from(mail.createdAt()))
			.update();
	}

	/**
	 * Claims up to {@code limit} due mails in one statement: marks them SENDING with a
	 * lease and counts the attempt. Rows another sender has locked are skipped, not
	 * waited for.
	 */
	List<StoredMail> claimDue(Instant now, Instant leaseUntil, int limit) {
		return this.jdbc.sql("""
				update mail_outbox
				   set status = 'SENDING', lease_until = :leaseUntil, attempts = attempts + 1
				 where id in (select id from mail_outbox
				               where (status = 'PENDING' and next_attempt_at <= :now)
				                  or (status = 'SENDING' and lease_until <= :now)
				               order by next_attempt_at
				               limit :limit
				               for update skip locked)
				returning
				""" + COLUMNS)
			.param("now", Timestamp.from(now))
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("limit", limit)
			.query(OutboxMails::map)
			.list();
	}

	boolean markSent(UUID id, Instant at) {
		return this.jdbc.sql("""
				update mail_outbox set status = 'SENT', sent_at = :at, lease_until = null
				 where id = :id and status = 'SENDING'
				""").param("id", id).param("at", Timestamp.from(at)).update() == 1;
	}

	boolean scheduleRetry(UUID id, Instant nextAttemptAt, String error) {
		return this.jdbc
			.sql("""
					update mail_outbox set status = 'PENDING', next_attempt_at = :next, lease_until = null, last_error = :error
					 where id = :id and status = 'SENDING'
					""")
			.param("id", id)
			.param("next", Timestamp.from(nextAttemptAt))
			.param("error", error)
			.update() == 1;
	}

	/** Hands a claimed mail back unattempted: the claim's count of attempts is undone. */
	boolean release(UUID id) {
		return this.jdbc.sql("""
				update mail_outbox set status = 'PENDING', lease_until = null, attempts = attempts - 1
				 where id = :id and status = 'SENDING'
				""").param("id", id).update() == 1;
	}

	boolean markFailed(UUID id, String error) {
		return this.jdbc.sql("""
				update mail_outbox set status = 'FAILED', lease_until = null, last_error = :error
				 where id = :id and status = 'SENDING'
				""").param("id", id).param("error", error).update() == 1;
	}

	Optional<StoredMail> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from mail_outbox where id = :id")
			.param("id", id)
			.query(OutboxMails::map)
			.optional();
	}

	List<StoredMail> newest(MailStatus status, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from mail_outbox where (cast(:status as varchar) is null or status = :status) "
					+ "order by created_at desc, id limit :limit")
			.param("status", (status != null) ? status.name() : null)
			.param("limit", limit)
			.query(OutboxMails::map)
			.list();
	}

	Map<MailStatus, Long> countByStatus() {
		return this.jdbc.sql("select status, count(*) as n from mail_outbox group by status")
			.query((rs, row) -> Map.entry(MailStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static StoredMail map(ResultSet rs, int row) throws SQLException {
		return new StoredMail(rs.getObject("id", UUID.class), rs.getString("recipient"),
				rs.getObject("account_id", UUID.class), rs.getString("template"), rs.getString("subject"),
				rs.getString("text_body"), rs.getString("html_body"), rs.getBoolean("marketing"),
				rs.getString("unsubscribe_url"), MailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
				instant(rs, "next_attempt_at"), instant(rs, "lease_until"), rs.getString("last_error"),
				instant(rs, "created_at"), instant(rs, "sent_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
