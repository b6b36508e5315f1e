package io.microdrops.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A paid purchase: its human-friendly number, the editions that now belong to the fan,
 * the total and how it reaches the fan.
 *
 * @param id the order's id
 * @param number the number people quote, e.g. {@code D-1042}
 * @param reservation the reservation it was paid for
 * @param fan the buyer
 * @param dropSlug the drop
 * @param sku the SKU's slug
 * @param skuName the SKU's name
 * @param quantity units bought
 * @param editions the edition numbers, ascending
 * @param editionSize the SKU's edition size ("#37 of 200"), or {@code null} for an open
 * run
 * @param totalMinor the total in minor units
 * @param currency the currency
 * @param fulfilment how the order reaches the fan
 * @param paymentProvider who took the money
 * @param createdAt when it was paid
 * @param paymentStatus where the payment stands, as the provider last told
 * @param status whether the order still stands or was taken back, and why
 */
public record Order(UUID id, String number, UUID reservation, AccountId fan, String dropSlug, String sku,
		String skuName, int quantity, List<Integer> editions, Integer editionSize, long totalMinor, String currency,
		Fulfilment fulfilment, String paymentProvider, Instant createdAt, PaymentStatus paymentStatus, Status status) {

	/** The only state a placed order has until fulfilment takes over. */
	public static final String STATUS_PAID = "PAID";

	/**
	 * Whether an order stands. A placed order is PAID; it is taken back (refunded, its
	 * units free again) once, as NO_SHOW or CANCELLED, and stays so.
	 */
	public enum Status {

		/** Paid and standing: the editions are the fan's. */
		PAID,

		/** Taken back: the pickup was not collected by its deadline. */
		NO_SHOW,

		/** Taken back: ops cancelled it. */
		CANCELLED

	}

	/**
	 * Where an order's payment stands. Every order starts SUCCEEDED (it is placed only
	 * once the money is taken); the provider's later notices may change that.
	 */
	public enum PaymentStatus {

		/** The money was taken. */
		SUCCEEDED,

		/** The provider reports the payment failed after all. */
		FAILED,

		/** Part of the money went back to the fan. */
		PARTIALLY_REFUNDED,

		/** All of the money went back to the fan. */
		REFUNDED

	}

}
