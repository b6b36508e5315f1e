package io.microdrops.waitingroom;

import io.microdrops.checkout.OrderReturned;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opens a sold-out waiting room again when a sold unit comes back (an order cancelled, a
 * pickup nobody collected): the drop is no longer sold out, so the queue must not say it
 * is. Fans still queued wait again and the admission rounds go on; when the unit is sold
 * again, the room closes as before. In the transaction that frees the unit.
 */
@Component
class ReturnedUnits {

	private final JdbcClient jdbc;

	ReturnedUnits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(OrderReturned event) {
		this.jdbc.sql("""
				update waiting_rooms w set sold_out_at = null from drop_items i
				where i.id = ? and w.drop_id = i.drop_id and w.sold_out_at is not null
				""").param(event.dropItem()).update();
	}

}
