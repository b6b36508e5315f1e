package io.microdrops.checkout;

import java.time.Instant;
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
 * @param shownTotal the total the fan was shown, or {@code null}: when the hold costs
 * anything else now (the price changed meanwhile), nothing is charged and the payment is
 * refused with {@link CheckoutRefusedException.Reason#PRICE_CHANGED}
 * @param shownAt when the fan's checkout page was shown, or {@code null}: a local
 * delivery that would now go out later than the day named then is refused before any
 * charge (see {@link FulfilmentOptions#check(UUID, int, Fulfilment, Instant)})
 */
public record PlaceOrder(UUID reservation, AccountId fan, String paymentMethod, Fulfilment fulfilment, Total shownTotal,
		Instant shownAt) {

	/**
	 * A fan pays for a hold at the total they were shown, with nothing else to confirm.
	 * @param reservation the hold
	 * @param fan who pays
	 * @param paymentMethod the payment method
	 * @param fulfilment how the order should reach the fan
	 * @param shownTotal the total the fan was shown, or {@code null}
	 */
	public PlaceOrder(UUID reservation, AccountId fan, String paymentMethod, Fulfilment fulfilment, Total shownTotal) {
		this(reservation, fan, paymentMethod, fulfilment, shownTotal, null);
	}

	/**
	 * A fan pays for a hold at whatever it costs now (a pre-order's settlement, whose
	 * authorisation bounds the amount; API clients that send no total).
	 * @param reservation the hold
	 * @param fan who pays
	 * @param paymentMethod the payment method
	 * @param fulfilment how the order should reach the fan
	 */
	public PlaceOrder(UUID reservation, AccountId fan, String paymentMethod, Fulfilment fulfilment) {
		this(reservation, fan, paymentMethod, fulfilment, null, null);
	}

	/**
	 * Returns a fingerprint of what was asked, to tell a retry from a different request
	 * under the same idempotency key; the card number only as part of a hash.
	 * @return a SHA-256 in hex
	 */
	String fingerprint() {
		String method = (this.paymentMethod != null) ? this.paymentMethod.replaceAll("[\\s-]", "") : null;
		return (this.fulfilment != null) ? Fingerprints.of("order", this.reservation, method, this.fulfilment.method(),
				this.fulfilment.hub(), this.fulfilment.address(), this.fulfilment.postcode(), this.fulfilment.day(),
				this.fulfilment.slot()) : Fingerprints.of("order", this.reservation, method);
	}

	/**
	 * An amount as a page or client showed it.
	 *
	 * @param minor the amount in the currency's minor units
	 * @param currency the ISO 4217 code
	 */
	public record Total(long minor, String currency) {
	}

}
