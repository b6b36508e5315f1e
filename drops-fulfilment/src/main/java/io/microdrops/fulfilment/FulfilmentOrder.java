package io.microdrops.fulfilment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Fulfilment.Method;
import io.microdrops.shared.Texts;

/**
 * What a placed order needs to reach its fan, and where it is on the way. Status changes
 * only through intention-named methods that refuse a move the rules do not allow; each
 * change is recorded with who and when, and the changes a fan hears about register an
 * event.
 */
public final class FulfilmentOrder {

	private final UUID id;

	private final UUID order;

	private final String orderNumber;

	private final AccountId fan;

	private final UUID dropItem;

	private final List<Integer> editions;

	private final Method method;

	private final UUID hub;

	private final LocalDate day;

	private final LocalTime slotStarts;

	private final LocalTime slotEnds;

	private final String address;

	private final String postcode;

	private final String pickupCode;

	private final String imageToken;

	private final long version;

	private FulfilmentStatus status;

	private Instant pickupCodeUsedAt;

	private String trackingNumber;

	private String cancelReason;

	private Instant updatedAt;

	private final List<StatusChange> changes = new ArrayList<>();

	private final List<Object> events = new ArrayList<>();

	FulfilmentOrder(UUID id, UUID order, String orderNumber, AccountId fan, UUID dropItem, List<Integer> editions,
			Method method, UUID hub, LocalDate day, LocalTime slotStarts, LocalTime slotEnds, String address,
			String postcode, String pickupCode, String imageToken, long version, FulfilmentStatus status,
			Instant pickupCodeUsedAt, String trackingNumber, String cancelReason, Instant updatedAt) {
		this.id = id;
		this.order = order;
		this.orderNumber = orderNumber;
		this.fan = fan;
		this.dropItem = dropItem;
		this.editions = List.copyOf(editions);
		this.method = method;
		this.hub = hub;
		this.day = day;
		this.slotStarts = slotStarts;
		this.slotEnds = slotEnds;
		this.address = address;
		this.postcode = postcode;
		this.pickupCode = pickupCode;
		this.imageToken = imageToken;
		this.version = version;
		this.status = status;
		this.pickupCodeUsedAt = pickupCodeUsedAt;
		this.trackingNumber = trackingNumber;
		this.cancelReason = cancelReason;
		this.updatedAt = updatedAt;
	}

	/**
	 * Starts picking.
	 * @param by who
	 * @param at when
	 */
	void startPicking(Actor by, Instant at) {
		move(FulfilmentStatus.PICKING, by, at, null);
	}

	/**
	 * Marks the order packed.
	 * @param by who
	 * @param at when
	 */
	void pack(Actor by, Instant at) {
		move(FulfilmentStatus.PACKED, by, at, null);
	}

	/**
	 * Puts a packed pickup on the hub's shelf; the fan is told, with the code.
	 * @param by who
	 * @param at when
	 */
	void markReadyForPickup(Actor by, Instant at) {
		move(FulfilmentStatus.READY_FOR_PICKUP, by, at, null);
		this.events.add(new PickupReady(this.id, this.order, this.orderNumber, this.fan, this.hub, this.day,
				this.slotStarts, this.slotEnds, this.pickupCode, this.imageToken));
	}

	/**
	 * Sends a packed local delivery out; the fan is told.
	 * @param by who
	 * @param at when
	 */
	void sendOut(Actor by, Instant at) {
		move(FulfilmentStatus.OUT_FOR_DELIVERY, by, at, null);
		this.events.add(new DeliveryOnItsWay(this.id, this.order, this.orderNumber, this.fan, this.day));
	}

	/**
	 * Hands a packed shipment to the carrier; the fan is told, with the tracking number.
	 * @param trackingNumber the carrier's tracking number
	 * @param by who
	 * @param at when
	 */
	void ship(String trackingNumber, Actor by, Instant at) {
		String tracking = Texts.blankToNull(trackingNumber);
		if (tracking == null || tracking.length() > 60) {
			throw new TransitionRefusedException("fulfilment.transition.tracking-required");
		}
		move(FulfilmentStatus.SHIPPED, by, at, tracking.strip());
		this.trackingNumber = tracking.strip();
		this.events.add(new OrderShipped(this.id, this.order, this.orderNumber, this.fan, this.trackingNumber));
	}

	/**
	 * Records a delivery or shipment as arrived; follow-ups hear of it.
	 * @param by who
	 * @param at when
	 */
	void markDelivered(Actor by, Instant at) {
		move(FulfilmentStatus.DELIVERED, by, at, null);
		this.events.add(new OrderDelivered(this.id, this.order, this.orderNumber, this.fan, at));
	}

	/**
	 * Hands a pickup over against its code, once.
	 * @param code the code the fan shows, in any case and spacing
	 * @param by who hands it over
	 * @param at when
	 * @throws TransitionRefusedException for a wrong code, a code used before, or an
	 * order not ready yet
	 */
	void collect(String code, Actor by, Instant at) {
		if (this.pickupCode == null || code == null || !this.pickupCode.equals(normaliseCode(code))) {
			throw new TransitionRefusedException("fulfilment.handover.wrong-code");
		}
		if (this.pickupCodeUsedAt != null) {
			throw new TransitionRefusedException("fulfilment.handover.used", this.orderNumber);
		}
		if (this.status != FulfilmentStatus.READY_FOR_PICKUP) {
			throw new TransitionRefusedException("fulfilment.handover.not-ready", this.orderNumber, this.status.name());
		}
		move(FulfilmentStatus.COLLECTED, by, at, null);
		this.pickupCodeUsedAt = at;
		this.events.add(new PickupCollected(this.id, this.order, this.orderNumber, this.fan, this.hub, at));
	}

	/**
	 * Records that the fan did not collect the pickup by its deadline; the order is then
	 * refunded and its units offered again.
	 * @param by who: ops, or the system when the deadline passed
	 * @param at when
	 */
	void markNoShow(Actor by, Instant at) {
		move(FulfilmentStatus.NO_SHOW, by, at, null);
		this.events.add(new PickupNoShow(this.id, this.order, this.orderNumber, this.fan, at));
	}

	/**
	 * Cancels the order with a reason; the order is then refunded and its units offered
	 * again.
	 * @param reason why, which the fan is told
	 * @param by who
	 * @param at when
	 */
	void cancel(String reason, Actor by, Instant at) {
		String text = Texts.blankToNull(reason);
		if (text == null || text.length() > 500) {
			throw new TransitionRefusedException("fulfilment.transition.reason-required");
		}
		move(FulfilmentStatus.CANCELLED, by, at, text.strip());
		this.cancelReason = text.strip();
		this.events.add(new OrderCancelled(this.id, this.order, this.orderNumber, this.fan, this.cancelReason, at));
	}

	private void move(FulfilmentStatus next, Actor by, Instant at, String note) {
		if (!this.status.allows(next, this.method)) {
			throw new TransitionRefusedException("fulfilment.transition.not-allowed", this.orderNumber,
					this.status.name(), next.name());
		}
		this.changes.add(new StatusChange(this.status, next, by, note, at));
		this.status = next;
		this.updatedAt = at;
	}

	/**
	 * Brings a typed or scanned code into the stored form: upper case, no spaces or
	 * dashes.
	 * @param code the code as entered
	 * @return the code as stored
	 */
	static String normaliseCode(String code) {
		return code.replaceAll("[\\s-]+", "").toUpperCase(Locale.ROOT);
	}

	UUID id() {
		return this.id;
	}

	UUID order() {
		return this.order;
	}

	String orderNumber() {
		return this.orderNumber;
	}

	AccountId fan() {
		return this.fan;
	}

	UUID dropItem() {
		return this.dropItem;
	}

	Method method() {
		return this.method;
	}

	UUID hub() {
		return this.hub;
	}

	LocalDate day() {
		return this.day;
	}

	long version() {
		return this.version;
	}

	FulfilmentStatus status() {
		return this.status;
	}

	Instant pickupCodeUsedAt() {
		return this.pickupCodeUsedAt;
	}

	String trackingNumber() {
		return this.trackingNumber;
	}

	String cancelReason() {
		return this.cancelReason;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	List<StatusChange> changes() {
		return List.copyOf(this.changes);
	}

	List<Object> events() {
		return List.copyOf(this.events);
	}

	/**
	 * One recorded status change, not yet stored.
	 *
	 * @param from the status before
	 * @param to the status after
	 * @param by who
	 * @param note the tracking number or cancellation reason, if any
	 * @param at when
	 */
	record StatusChange(FulfilmentStatus from, FulfilmentStatus to, Actor by, String note, Instant at) {
	}

}
