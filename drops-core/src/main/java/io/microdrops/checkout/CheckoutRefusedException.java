package io.microdrops.checkout;

import java.time.Instant;

/**
 * Thrown when a reservation cannot be made or changed; {@link #reason()} tells why in a
 * way the pages and the API map to their answers (409 sold out, 422 over the limit, 403
 * not open to this fan, 409 over the limit of accounts sharing a card or address, 403 an
 * account requirement missed, ...).
 */
public class CheckoutRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * The detail of {@link Reason#NOT_HELD} when the hold was released while the payment
	 * went through, and the payment was refunded.
	 */
	static final String REFUNDED = "REFUNDED";

	private final Reason reason;

	private final transient Instant opensToFanAt;

	private final transient PlaceOrder.Total currentTotal;

	CheckoutRefusedException(Reason reason) {
		this(reason, null);
	}

	/**
	 * The hold costs other than the fan was shown: {@link Reason#PRICE_CHANGED}.
	 * @param currentTotal what it costs now
	 */
	CheckoutRefusedException(PlaceOrder.Total currentTotal) {
		super(Reason.PRICE_CHANGED.name());
		this.reason = Reason.PRICE_CHANGED;
		this.opensToFanAt = null;
		this.currentTotal = currentTotal;
	}

	CheckoutRefusedException(Reason reason, Instant opensToFanAt) {
		this(reason, opensToFanAt, reason.name());
	}

	CheckoutRefusedException(Reason reason, Instant opensToFanAt, String detail) {
		super(detail);
		this.reason = reason;
		this.opensToFanAt = opensToFanAt;
		this.currentTotal = null;
	}

	/**
	 * Returns what the hold costs now, for {@link Reason#PRICE_CHANGED}.
	 * @return the total, or {@code null}
	 */
	public PlaceOrder.Total currentTotal() {
		return this.currentTotal;
	}

	/**
	 * Returns why.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Tells whether the fan was charged and refunded: a hold released while its payment
	 * went through ({@link Reason#NOT_HELD}).
	 * @return {@code true} when the payment was refunded
	 */
	public boolean refunded() {
		return this.reason == Reason.NOT_HELD && REFUNDED.equals(getMessage());
	}

	/**
	 * Returns when the drop opens to this fan, for {@link Reason#NOT_OPEN_TO_FAN}.
	 * @return the moment, or {@code null}
	 */
	public Instant opensToFanAt() {
		return this.opensToFanAt;
	}

	/**
	 * Why a checkout step was refused.
	 */
	public enum Reason {

		/** No unit is left. */
		SOLD_OUT,

		/**
		 * Some units are left, fewer than asked for; the detail is how many were free.
		 */
		NOT_ENOUGH_LEFT,

		/** The fan would hold or own more than the per-fan limit. */
		OVER_LIMIT,

		/** The drop is not open to this fan now (not yet, or waitlist only). */
		NOT_OPEN_TO_FAN,

		/** The same idempotency key came with a different request. */
		IDEMPOTENCY_KEY_REUSED,

		/** No such drop, item or reservation for this fan. */
		NOT_FOUND,

		/** The reservation is no longer held (expired, released or ordered). */
		NOT_HELD,

		/** A quantity below 1. */
		INVALID_QUANTITY,

		/** The payment provider declined the payment; the hold stays until it expires. */
		PAYMENT_DECLINED,

		/** The fulfilment choice lacks a hub or an address. */
		INVALID_FULFILMENT,

		/**
		 * Accounts sharing this card or delivery address already bought the per-fan limit
		 * of the item; the detail names the identity ({@code CARD} or {@code ADDRESS}).
		 * Nothing was charged (or the charge was refunded); the hold stays until it
		 * expires, for another card or address.
		 */
		IDENTITY_CAP,

		/**
		 * The account does not meet the drop's requirements; the detail names the
		 * requirement missed (a {@code FairnessRules.Requirement}).
		 */
		ACCOUNT_REQUIREMENT,

		/** The fan's account was deleted (a request that raced the deletion). */
		ACCOUNT_DELETED,

		/**
		 * The drop has a waiting room and the fan brought no valid admission (none,
		 * another fan's or drop's, expired, or used already).
		 */
		ADMISSION_REQUIRED,

		/**
		 * The drop is over (its sales closed, on time or early): nothing was held. Not
		 * {@link #NOT_OPEN_TO_FAN}, which tells a fan to wait.
		 */
		DROP_CLOSED,

		/**
		 * The hold costs other than the total the fan was shown (the price changed while
		 * the page was open): nothing was charged, the hold stays.
		 */
		PRICE_CHANGED

	}

}
