package io.microdrops.waitlist;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Waitlists' part of deleting an account, in the deletion's transaction: the person's
 * waitlist places (everyone behind moves up, positions being ranks) and "notify me"
 * requests go.
 */
@Component
class WaitlistAccountErasure {

	private final JdbcClient jdbc;

	WaitlistAccountErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("delete from waitlist_entries where account_id = ?").param(event.account().value()).update();
		this.jdbc.sql("delete from sku_notify_requests where account_id = ?").param(event.account().value()).update();
	}

}
