package io.microdrops.fulfilment;

import io.microdrops.checkout.OrderManagement;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Takes back the order of a pickup nobody collected: checkout refunds it once and frees
 * its units for a second chance. Runs after the no-show is recorded; an interrupted run
 * is completed from the event publication registry.
 */
@Component
class NoShowRefunds {

	private final OrderManagement orders;

	NoShowRefunds(OrderManagement orders) {
		this.orders = orders;
	}

	@ApplicationModuleListener
	void on(PickupNoShow event) {
		this.orders.takeBackUncollected(event.order());
	}

}
