package io.microdrops.account;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes entries of the account audit log in the caller's transaction. Never a password
 * or a code.
 */
@Component
class AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(AuditAction action, String actor, String subject, String ip, String detail) {
		this.jdbc.sql("""
				insert into account_audit (at, action, actor, subject, ip, detail)
				values (:at, :action, :actor, :subject, :ip, :detail)
				""")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("action", action.name())
			.param("actor", cut(actor, EmailAddress.MAX_LENGTH))
			.param("subject", cut(subject, EmailAddress.MAX_LENGTH))
			.param("ip", cut(ip, 64))
			.param("detail", cut(detail, 500))
			.update();
	}

	private static String cut(String value, int max) {
		return (value != null && value.length() > max) ? value.substring(0, max) : value;
	}

}
