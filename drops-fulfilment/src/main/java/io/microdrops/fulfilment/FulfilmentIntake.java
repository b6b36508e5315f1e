package io.microdrops.fulfilment;

import io.microdrops.checkout.OrderPlaced;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns every placed order into a fulfilment order. The event comes through the event
 * publication registry, so it arrives also after a crash, possibly twice; creating is
 * idempotent, so the second arrival changes nothing.
 */
@Component
class FulfilmentIntake {

	private final FulfilmentManagement fulfilment;

	FulfilmentIntake(FulfilmentManagement fulfilment) {
		this.fulfilment = fulfilment;
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		this.fulfilment.receive(event);
	}

}
