package io.microdrops.checkout;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checkout's part of deleting an account, in the deletion's transaction: open holds are
 * released (their units are for sale again at once); orders stay for the books with their
 * amounts, editions and dates, but without the delivery address; the remembered answers
 * to the fan's retried requests go.
 */
@Component
class CheckoutAccountErasure {

	private final Checkout checkout;

	private final JdbcClient jdbc;

	CheckoutAccountErasure(Checkout checkout, JdbcClient jdbc) {
		this.checkout = checkout;
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		this.checkout.releaseAllOf(event.account());
		this.jdbc.sql("update orders set fulfilment_address = null where account_id = ?")
			.param(event.account().value())
			.update();
		this.jdbc.sql("delete from checkout_idempotency where account_id = ?").param(event.account().value()).update();
	}

}
