package io.microdrops.checkout;

/**
 * The payments port: takes money for a reservation. Implementations: the demo provider
 * (no money moves; card rules like a payment sandbox) and Stripe. Never called while a
 * database row lock is held.
 */
public interface PaymentProvider {

	/**
	 * Charges a fan for a reservation. Calling again with the same reservation id must
	 * not charge twice: implementations pass it to the provider as the idempotency key.
	 * @param charge what to charge
	 * @return the provider's answer
	 */
	PaymentResult charge(Charge charge);

	/**
	 * Gives back a charge that could not become an order (the hold expired meanwhile).
	 * @param reference the provider's reference of the charge
	 */
	void refund(String reference);

	/**
	 * Tells whether a payment method may be kept to charge later, as a pre-order does
	 * until its drop's threshold is reached: a reference the provider issued (a Stripe
	 * PaymentMethod id, say), never raw card data. Nothing is charged or checked with the
	 * provider here; the later charge may still be declined.
	 * @param paymentMethod what the fan gave
	 * @return {@code true} when it may be stored
	 */
	default boolean canKeepForLater(String paymentMethod) {
		return paymentMethod != null && paymentMethod.matches("[A-Za-z][A-Za-z0-9_]{2,99}");
	}

	/**
	 * Names the provider, for the order and the pages ("demo — no money moves").
	 * @return a short name
	 */
	String name();

	/**
	 * A charge to make.
	 *
	 * @param reservationId the reservation paid for, the idempotency key
	 * @param amountMinor the amount in minor units
	 * @param currency the ISO 4217 currency
	 * @param paymentMethod what the fan pays with: a card number for the demo provider, a
	 * payment method id for Stripe
	 * @param description what the fan sees on their statement
	 */
	record Charge(String reservationId, long amountMinor, String currency, String paymentMethod, String description) {
	}

	/**
	 * A provider's answer.
	 *
	 * @param approved whether the money was taken
	 * @param reference the provider's reference (e.g. a PaymentIntent id), or
	 * {@code null}
	 * @param declineReason why not, in words a fan understands, when declined
	 */
	record PaymentResult(boolean approved, String reference, String declineReason) {

		static PaymentResult approved(String reference) {
			return new PaymentResult(true, reference, null);
		}

		static PaymentResult declined(String reason) {
			return new PaymentResult(false, null, reason);
		}

	}

}
