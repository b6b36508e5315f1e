package io.microdrops.hooks;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import io.microdrops.checkout.DropSoldOut;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.OrderPlaced;
import io.microdrops.checkout.OrderReturned;
import io.microdrops.drop.DropClosedEarly;
import io.microdrops.drop.DropOpened;
import io.microdrops.drop.DropRevised;
import io.microdrops.drop.DropScheduled;
import io.microdrops.drop.DropUnscheduled;
import io.microdrops.waitlist.EarlyAccessOpened;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns drop and order events into hook deliveries, each through the event publication
 * registry (nothing lost on a crash, once per hook thanks to the event key). The
 * announcement and the natural closing are written ahead, due at their time, and
 * cancelled if the drop goes back to draft, is re-planned or closes early.
 */
@Component
class HookEvents {

	static final String ANNOUNCED = "drop.announced";

	static final String EARLY_ACCESS = "drop.early_access";

	static final String LIVE = "drop.live";

	static final String SOLD_OUT = "drop.sold_out";

	static final String CLOSED = "drop.closed";

	static final String ORDER_PLACED = "order.placed";

	static final String ORDER_RETURNED = "order.returned";

	static final String PING = "hook.ping";

	private final HookOutbox outbox;

	private final HookFacts facts;

	private final OrderManagement orders;

	private final Clock clock;

	HookEvents(HookOutbox outbox, HookFacts facts, OrderManagement orders, Clock clock) {
		this.outbox = outbox;
		this.facts = facts;
		this.orders = orders;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(DropScheduled event) {
		planAnnouncement(event.drop().value());
	}

	@ApplicationModuleListener
	void on(DropRevised event) {
		this.outbox.cancelPlanned(event.drop().value(), ANNOUNCED);
		planAnnouncement(event.drop().value());
	}

	@ApplicationModuleListener
	void on(DropUnscheduled event) {
		this.outbox.cancelPlanned(event.drop().value(), ANNOUNCED);
		this.outbox.cancelPlanned(event.drop().value(), CLOSED);
	}

	@ApplicationModuleListener
	void on(EarlyAccessOpened event) {
		this.facts.drop(event.dropId().value())
			.filter(drop -> drop.earlyAccessAt() != null)
			.ifPresent(drop -> this.outbox.enqueue(HookEvent.ofDrop(EARLY_ACCESS, drop, drop.earlyAccessAt(), null)));
	}

	@ApplicationModuleListener
	void on(DropOpened event) {
		this.facts.drop(event.drop().value()).ifPresent(drop -> {
			this.outbox.enqueue(HookEvent.ofDrop(LIVE, drop, event.opensAt(), null));
			this.outbox.enqueue(HookEvent.ofDrop(CLOSED, drop, drop.closesAt(), drop.closesAt()));
		});
	}

	@ApplicationModuleListener
	void on(DropSoldOut event) {
		this.facts.drop(event.drop().value())
			.ifPresent(drop -> this.outbox.enqueue(HookEvent.ofDrop(SOLD_OUT, drop, event.soldOutAt(), null)));
	}

	@ApplicationModuleListener
	void on(DropClosedEarly event) {
		this.outbox.cancelPlanned(event.drop().value(), CLOSED);
		this.facts.drop(event.drop().value())
			.ifPresent(drop -> this.outbox.enqueue(HookEvent.ofDrop(CLOSED, drop, event.closedAt(), null)));
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		var order = this.orders.find(event.order(), event.fan()).orElseThrow();
		this.facts.dropOfItem(event.dropItem())
			.ifPresent(drop -> this.outbox.enqueue(new HookEvent(ORDER_PLACED, ORDER_PLACED + ":" + event.order(),
					order.createdAt(), null, drop, new HookEvent.OrderFacts(order.id(), order.number(), order.skuName(),
							order.editions(), order.totalMinor(), order.currency(), null))));
	}

	@ApplicationModuleListener
	void on(OrderReturned event) {
		var order = this.orders.find(event.order(), event.fan()).orElseThrow();
		this.facts.dropOfItem(event.dropItem())
			.ifPresent(drop -> this.outbox
				.enqueue(new HookEvent(ORDER_RETURNED, ORDER_RETURNED + ":" + event.order(), this.clock.instant(), null,
						drop, new HookEvent.OrderFacts(order.id(), order.number(), order.skuName(), order.editions(),
								order.totalMinor(), order.currency(), event.cause().name().toLowerCase(Locale.ROOT)))));
	}

	/**
	 * Sends a test message to every hook of a drop's community now, so a merchandiser can
	 * see the receivers answer.
	 * @param drop a drop of the community to describe
	 */
	void ping(UUID drop) {
		this.facts.drop(drop)
			.ifPresent(facts -> this.outbox
				.enqueue(new HookEvent(PING, PING + ":" + UUID.randomUUID(), this.clock.instant(), null, facts, null)));
	}

	private void planAnnouncement(UUID dropId) {
		this.facts.drop(dropId)
			.filter(HookEvent.DropFacts::scheduled)
			.ifPresent(drop -> this.outbox
				.enqueue(HookEvent.ofDrop(ANNOUNCED, drop, drop.announceAt(), drop.announceAt())));
	}

}
