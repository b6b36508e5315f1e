package io.microdrops.offer;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Follow-up offers' part of deleting an account, in the deletion's transaction:
 * follow-ups not sent yet and codes not used go, so nothing is mailed or opened for the
 * deleted account. Sent follow-ups and used codes stay, keyed by the tombstone's id,
 * because the follow-up conversion figures count them; they name nobody.
 */
@Component
class OfferAccountErasure {

	private final JdbcClient jdbc;

	OfferAccountErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.jdbc.sql("delete from follow_ups where account_id = ? and done_at is null")
			.param(event.account().value())
			.update();
		this.jdbc.sql("delete from early_access_codes where account_id = ? and used_at is null")
			.param(event.account().value())
			.update();
	}

}
