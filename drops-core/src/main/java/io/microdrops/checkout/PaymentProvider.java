package io.microdrops.checkout;

import java.time.Duration;
import java.util.Optional;

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
	 * Returns the provider's fingerprint of the card behind a payment method: the same
	 * for every payment method made from one card number, as Stripe's
	 * {@code card.fingerprint}. Used, only as a keyed hash, to count accounts paying with
	 * one card as one fan where a drop asks for it.
	 * @param paymentMethod what the fan pays with
	 * @return the fingerprint, empty when the provider cannot tell (not a card)
	 * @throws PaymentUnavailableException when the provider cannot be asked now
	 */
	default Optional<String> cardFingerprint(String paymentMethod) {
		return Optional.empty();
	}

	/**
	 * Tells how long an authorisation taken at pre-order time holds the fan's money
	 * before the provider lets it go. Empty for a provider that takes no authorisation
	 * (the demo provider charges only when a pre-order becomes an order).
	 * @return the window, or empty when {@link #authorise} holds nothing
	 */
	default Optional<Duration> authorisationWindow() {
		return Optional.empty();
	}

	/**
	 * Authorises an amount without taking it, as a pre-order does when placed: the money
	 * is held on the fan's card until {@link #capture} takes it or {@link #release} lets
	 * it go. Calling again with the same pre-order id must not hold twice. Providers
	 * without authorisations approve with no reference and hold nothing.
	 * @param authorisation what to authorise
	 * @return approved with the provider's reference of the authorisation (e.g. a
	 * PaymentIntent id), or declined with a reason
	 * @throws PaymentUnavailableException when the provider cannot be asked now
	 */
	default PaymentResult authorise(Authorisation authorisation) {
		return new PaymentResult(true, null, null);
	}

	/**
	 * Takes an authorised amount, or part of it. Capturing again what was captured
	 * approves again without taking more.
	 * @param reference the authorisation's reference, from {@link #authorise}
	 * @param amountMinor the amount to take, at most the amount authorised
	 * @return approved with the reference, or declined when the authorisation ended
	 * (expired or released)
	 * @throws PaymentUnavailableException when the provider cannot be asked now
	 */
	default PaymentResult capture(String reference, long amountMinor) {
		throw new UnsupportedOperationException(name() + " takes no authorisations");
	}

	/**
	 * Lets an authorisation go, whatever became of it: held money is released, captured
	 * money refunded, one that ended already is left alone. Safe to call again.
	 * @param reference the authorisation's reference, from {@link #authorise}
	 * @throws PaymentUnavailableException when the provider cannot be asked now
	 */
	default void release(String reference) {
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
	 * An amount to authorise for a pre-order.
	 *
	 * @param preorderId the pre-order, from which the idempotency key derives
	 * @param amountMinor the amount in minor units: price times quantity
	 * @param currency the ISO 4217 currency
	 * @param paymentMethod the fan's payment method id
	 * @param description what the fan sees on their statement
	 */
	record Authorisation(String preorderId, long amountMinor, String currency, String paymentMethod,
			String description) {

		/**
		 * Returns the key under which the provider deduplicates this authorisation.
		 * @return {@code preorder-<id>-authorise}
		 */
		public String idempotencyKey() {
			return "preorder-" + this.preorderId + "-authorise";
		}

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
