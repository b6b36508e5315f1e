package io.microdrops.notification;

import io.microdrops.account.AccountDeleted;
import io.microdrops.account.AccountManagement;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Notifications' part of deleting an account, in the deletion's transaction: every mail
 * to the person leaves the outbox, waiting or sent (a copy of a sent mail holds their
 * name and address, and nothing in the books needs it), and the "drop live" marks go.
 * Runs before the account becomes a tombstone, so the address is still known: mail queued
 * without an account (a notice to an address) goes too.
 */
@Component
class MailAccountErasure {

	private final AccountManagement accounts;

	private final JdbcClient jdbc;

	MailAccountErasure(AccountManagement accounts, JdbcClient jdbc) {
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		String address = this.accounts.contactOf(event.account()).map(contact -> contact.email()).orElse(null);
		this.jdbc.sql("delete from mail_outbox where account_id = ? or recipient = ?")
			.params(event.account().value(), address)
			.update();
		this.jdbc.sql("delete from drop_live_mails where account_id = ?").param(event.account().value()).update();
	}

}
