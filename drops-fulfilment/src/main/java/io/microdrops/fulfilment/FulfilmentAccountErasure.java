package io.microdrops.fulfilment;

import io.microdrops.account.AccountDeleted;
import io.microdrops.account.AccountDeletion;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fulfilment's part of deleting an account, in the deletion's transaction: fulfilment
 * orders stay for the books (method, editions, hub, day, status) without the delivery
 * address and postcode; where the account was staff who moved orders along, the history
 * keeps the change but not the name.
 */
@Component
class FulfilmentAccountErasure {

	private final JdbcClient jdbc;

	FulfilmentAccountErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("update fulfilment_orders set address = null, postcode = null where account_id = ?")
			.param(event.account().value())
			.update();
		this.jdbc.sql("update fulfilment_status_changes set actor_name = ? where actor_id = ?")
			.params(AccountDeletion.DELETED_NAME, event.account().value())
			.update();
	}

}
