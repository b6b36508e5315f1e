package io.microdrops.community;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Communities' part of deleting an account, in the deletion's transaction: the person
 * leaves every community.
 */
@Component
class CommunityAccountErasure {

	private final JdbcClient jdbc;

	CommunityAccountErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("delete from community_members where account_id = ?").param(event.account().value()).update();
	}

}
