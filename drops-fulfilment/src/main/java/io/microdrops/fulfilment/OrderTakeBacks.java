package io.microdrops.fulfilment;

import io.microdrops.checkout.OrderManagement;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Takes back the orders that will not reach their fans: a pickup nobody collected and an
 * order ops cancelled. Checkout refunds each once and frees its units for a second
 * chance. Runs after the step is recorded; an interrupted run is completed from the event
 * publication registry, and a redelivered event refunds nothing.
 */
@Component
class OrderTakeBacks {

	private final OrderManagement orders;

	OrderTakeBacks(OrderManagement orders) {
		this.orders = orders;
	}

	@ApplicationModuleListener
	void on(PickupNoShow event) {
		this.orders.takeBackUncollected(event.order());
	}

	@ApplicationModuleListener
	void on(OrderCancelled event) {
		this.orders.takeBackCancelled(event.order());
	}

}
