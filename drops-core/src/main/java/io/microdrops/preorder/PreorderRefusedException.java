package io.microdrops.preorder;

/**
 * Thrown when a pre-order cannot be placed or withdrawn; {@link #reason()} tells why, in
 * a way the pages and the API map to their answers.
 */
public class PreorderRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final String detail;

	PreorderRefusedException(Reason reason) {
		this(reason, null);
	}

	PreorderRefusedException(Reason reason, String detail) {
		super((detail != null) ? reason.name() + ": " + detail : reason.name());
		this.reason = reason;
		this.detail = detail;
	}

	/**
	 * Returns the payment provider's words for a declined card.
	 * @return the words, or {@code null} for other reasons
	 */
	public String detail() {
		return this.detail;
	}

	/**
	 * Returns why.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a pre-order was refused.
	 */
	public enum Reason {

		/** No such drop, item or pre-order for this fan. */
		NOT_FOUND,

		/** The drop takes no pre-orders (no threshold, or shared out by draw). */
		NO_PREORDERS,

		/** Pre-orders for the drop are closed: the deadline passed. */
		CLOSED,

		/** Only waitlist members may pre-order this drop. */
		WAITLIST_ONLY,

		/** A quantity below 1. */
		INVALID_QUANTITY,

		/** More units than one fan may have. */
		OVER_LIMIT,

		/** Every released unit of the item is pre-ordered already. */
		FULL,

		/** The fan pre-ordered this item already, with another quantity. */
		ALREADY_PREORDERED,

		/** The payment method cannot be kept to charge later. */
		INVALID_PAYMENT,

		/** The fulfilment choice lacks a hub or an address. */
		INVALID_FULFILMENT,

		/** The pre-order can no longer be withdrawn. */
		NOT_CANCELLABLE,

		/**
		 * The payment provider declined to authorise the amount; {@link #detail()} says
		 * why. Nothing was written.
		 */
		PAYMENT_DECLINED,

		/**
		 * The deadline is further away than the payment provider holds an authorisation:
		 * pre-orders open later, once an authorisation lasts until the drop is settled.
		 */
		TOO_EARLY

	}

}
