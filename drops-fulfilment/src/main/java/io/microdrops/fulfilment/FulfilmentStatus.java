package io.microdrops.fulfilment;

import java.util.EnumSet;
import java.util.Set;

import io.microdrops.checkout.Fulfilment.Method;

/**
 * Where a fulfilment order is. Every order is picked and packed; then a pickup waits at
 * its hub until collected, a local delivery goes out and is delivered, a shipment is
 * shipped (with a tracking number) and delivered. Any order not yet handed over or
 * shipped can be cancelled, with a reason.
 */
public enum FulfilmentStatus {

	/** Placed; nobody has started on it. */
	PENDING,

	/** Someone is picking its units. */
	PICKING,

	/** Picked and packed with its slip. */
	PACKED,

	/** Waiting at the hub; the fan was told and has the pickup code. */
	READY_FOR_PICKUP,

	/** Handed over at the hub against the pickup code. */
	COLLECTED,

	/** On its way to the fan's door. */
	OUT_FOR_DELIVERY,

	/** Handed to the carrier, with a tracking number. */
	SHIPPED,

	/** Arrived. */
	DELIVERED,

	/**
	 * Will not be fulfilled; the reason is recorded, the fan refunded and the units
	 * offered again.
	 */
	CANCELLED,

	/**
	 * A pickup nobody collected by its deadline: refunded, its units offered again.
	 */
	NO_SHOW;

	/**
	 * Tells whether an order of a method may move from this status to another.
	 * @param next the status asked for
	 * @param method how the order reaches the fan
	 * @return {@code true} when the move is allowed
	 */
	public boolean allows(FulfilmentStatus next, Method method) {
		return switch (this) {
			case PENDING -> next == PICKING || next == CANCELLED;
			case PICKING -> next == PACKED || next == CANCELLED;
			case PACKED -> next == CANCELLED || (next == READY_FOR_PICKUP && method == Method.PICKUP)
					|| (next == OUT_FOR_DELIVERY && method == Method.LOCAL_DELIVERY)
					|| (next == SHIPPED && method == Method.SHIPPING);
			case READY_FOR_PICKUP ->
				next == COLLECTED || next == CANCELLED || (next == NO_SHOW && method == Method.PICKUP);
			case OUT_FOR_DELIVERY -> next == DELIVERED || next == CANCELLED;
			case SHIPPED -> next == DELIVERED;
			case COLLECTED, DELIVERED, CANCELLED, NO_SHOW -> false;
		};
	}

	/**
	 * Returns the statuses an order of a method may move to from here.
	 * @param method how the order reaches the fan
	 * @return the next statuses
	 */
	public Set<FulfilmentStatus> next(Method method) {
		Set<FulfilmentStatus> next = EnumSet.noneOf(FulfilmentStatus.class);
		for (FulfilmentStatus candidate : values()) {
			if (allows(candidate, method)) {
				next.add(candidate);
			}
		}
		return next;
	}

	/**
	 * Tells whether the order's journey is over.
	 * @return {@code true} for collected, delivered, cancelled and no-show
	 */
	public boolean isFinal() {
		return this == COLLECTED || this == DELIVERED || this == CANCELLED || this == NO_SHOW;
	}

}
