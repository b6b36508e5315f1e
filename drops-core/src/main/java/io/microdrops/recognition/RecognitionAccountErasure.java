package io.microdrops.recognition;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recognition's part of deleting an account, in the deletion's transaction: the collector
 * profile (handle and public page) goes; the handle is free again.
 */
@Component
class RecognitionAccountErasure {

	private final JdbcClient jdbc;

	RecognitionAccountErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("delete from collector_profiles where account_id = ?").param(event.account().value()).update();
	}

}
