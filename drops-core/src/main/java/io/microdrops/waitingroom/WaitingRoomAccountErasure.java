package io.microdrops.waitingroom;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Waiting rooms' part of deleting an account, in the deletion's transaction: the
 * account's places in every queue go, so it is neither admitted nor counted as waiting.
 */
@Component
class WaitingRoomAccountErasure {

	private final JdbcClient jdbc;

	WaitingRoomAccountErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("delete from waiting_room_entries where account_id = ?").param(event.account().value()).update();
	}

}
