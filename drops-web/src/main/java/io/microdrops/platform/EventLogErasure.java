package io.microdrops.platform;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event publication registry's part of deleting an account, in the deletion's
 * transaction: completed publications that name the account (an order's event holds the
 * delivery address, for one) are deleted; nothing needs them any more. Publications still
 * to be handled stay, or their work would be lost; their listeners meet a deleted account
 * and leave its personal data out.
 */
@Component
class EventLogErasure {

	private final JdbcClient jdbc;

	EventLogErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("""
				delete from event_publication
				where completion_date is not null and strpos(serialized_event, ?) > 0
				""").param(event.account().value().toString()).update();
	}

}
