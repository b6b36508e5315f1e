package io.microdrops.draw;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Draws' part of deleting an account, in the deletion's transaction: entries in draws not
 * held yet go. Entries of draws already held stay, because anyone must be able to
 * recompute a published draw from its entries; an entry names nobody (a salted hash of
 * the account's id, and the account is a tombstone now). Offers still open pass on like
 * any offer whose hold ended: checkout releases the held unit with the account's other
 * holds.
 */
@Component
class DrawAccountErasure {

	private final JdbcClient jdbc;

	DrawAccountErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("""
				delete from draw_entries e using draws d
				where e.drop_id = d.drop_id and d.drawn_at is null and e.account_id = ?
				""").param(event.account().value()).update();
	}

}
