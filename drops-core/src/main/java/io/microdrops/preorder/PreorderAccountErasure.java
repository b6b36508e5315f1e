package io.microdrops.preorder;

import java.util.UUID;

import io.microdrops.account.AccountDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pre-orders' part of deleting an account, in the deletion's transaction: pending
 * pre-orders are withdrawn the way the fan would withdraw them
 * ({@link PreorderManagement#cancel}), so the settlement lets their payment
 * authorisations go; settled ones keep their amounts for the books without the delivery
 * address and the kept payment method. A pre-order that can no longer be withdrawn (the
 * deadline passed and the drop is being settled) stays; checkout refuses to hold units
 * for a deleted account, so it fails and its authorisation is released too.
 */
@Component
class PreorderAccountErasure {

	/** Stands in for the payment method of a settled pre-order of a deleted account. */
	static final String ERASED = "erased";

	private final PreorderManagement preorders;

	private final JdbcClient jdbc;

	PreorderAccountErasure(PreorderManagement preorders, JdbcClient jdbc) {
		this.preorders = preorders;
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountDeleted event) {
		for (UUID pending : this.jdbc.sql("select id from preorders where account_id = ? and status = 'PENDING'")
			.param(event.account().value())
			.query(UUID.class)
			.list()) {
			try {
				this.preorders.cancel(pending, event.account());
			}
			catch (PreorderRefusedException ex) {
				// Past its deadline: settled without the fan, as the class says.
			}
		}
		this.jdbc.sql("""
				update preorders set fulfilment_address = null, payment_method = ?
				where account_id = ? and status not in ('PENDING', 'CONFIRMING')
				""").params(ERASED, event.account().value()).update();
	}

}
