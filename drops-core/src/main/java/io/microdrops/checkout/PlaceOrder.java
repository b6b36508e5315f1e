package io.microdrops.checkout;

import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A fan pays for a hold.
 *
 * @param reservation the hold
 * @param fan who pays (another fan's hold is not found)
 * @param paymentMethod a card number for the demo provider, a payment method id for
 * Stripe
 * @param fulfilment how the order should reach the fan
 */
public record PlaceOrder(UUID reservation, AccountId fan, String paymentMethod, Fulfilment fulfilment) {

	/**
	 * Returns a fingerprint of what was asked, to tell a retry from a different request
	 * under the same idempotency key; the card number only as part of a hash.
	 * @return a SHA-256 in hex
	 */
	String fingerprint() {
		String method = (this.paymentMethod != null) ? this.paymentMethod.replaceAll("[\\s-]", "") : null;
		return (this.fulfilment != null) ? Fingerprints.of("order", this.reservation, method, this.fulfilment.method(),
				this.fulfilment.hub(), this.fulfilment.address()) : Fingerprints.of("order", this.reservation, method);
	}

}
