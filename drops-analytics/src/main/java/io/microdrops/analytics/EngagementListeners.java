package io.microdrops.analytics;

import io.microdrops.checkout.DropSoldOut;
import io.microdrops.checkout.OrderPlaced;
import io.microdrops.checkout.OrderReturned;
import io.microdrops.checkout.ReservationPlaced;
import io.microdrops.fulfilment.PickupCollected;
import io.microdrops.waitlist.WaitlistJoined;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the shop's events into the engagement facts. Each arrives through the event
 * publication registry, so none is lost on a crash; a redelivery is recorded once.
 */
@Component
class EngagementListeners {

	private final Engagements engagements;

	EngagementListeners(Engagements engagements) {
		this.engagements = engagements;
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		this.engagements.orderPlaced(event.order());
	}

	@ApplicationModuleListener
	void on(OrderReturned event) {
		this.engagements.orderReturned(event.order());
	}

	@ApplicationModuleListener
	void on(ReservationPlaced event) {
		this.engagements.reserved(event.reservation());
	}

	@ApplicationModuleListener
	void on(WaitlistJoined event) {
		this.engagements.joinedWaitlist(event.dropId(), event.accountId());
	}

	@ApplicationModuleListener
	void on(PickupCollected event) {
		this.engagements.pickedUp(event.order(), event.collectedAt());
	}

	@ApplicationModuleListener
	void on(DropSoldOut event) {
		this.engagements.soldOut(event.drop(), event.soldOutAt());
	}

}
