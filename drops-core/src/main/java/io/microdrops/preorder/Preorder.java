package io.microdrops.preorder;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.shared.Money;

/**
 * A fan's pre-order as they see it.
 *
 * @param id the pre-order's id
 * @param fan who placed it
 * @param dropSlug the drop
 * @param dropTitle the drop's title
 * @param deadline when the drop's pre-orders close
 * @param zone the drop's community's time zone, to show times in
 * @param sku the SKU's slug
 * @param skuName the SKU's name
 * @param quantity units pre-ordered
 * @param total what it will cost at today's price, charged only on confirmation
 * @param fulfilment how the order is to reach the fan
 * @param status where it is
 * @param createdAt when it was placed
 * @param settledAt when it was confirmed, failed, voided or cancelled, or {@code null}
 * @param orderId the order it became, or {@code null}
 * @param failure why it failed, a {@link Failure} name, or {@code null}
 * @param failureDetail the payment provider's words for a declined card, or {@code null}
 */
public record Preorder(UUID id, AccountId fan, String dropSlug, String dropTitle, Instant deadline, ZoneId zone,
		String sku, String skuName, int quantity, Money total, Fulfilment fulfilment, PreorderStatus status,
		Instant createdAt, Instant settledAt, UUID orderId, String failure, String failureDetail) {

	/**
	 * Why a confirmed pre-order could not become an order.
	 */
	public enum Failure {

		/** The payment provider declined the card. */
		PAYMENT_DECLINED,

		/** The payment provider could not be reached, again and again. */
		PAYMENT_UNAVAILABLE,

		/** No unit was left (the merchandiser released fewer units since). */
		SOLD_OUT,

		/** The fan would own more than the per-fan limit (lowered since). */
		OVER_LIMIT,

		/** The item was taken out of the drop. */
		ITEM_GONE,

		/** The fulfilment choice could not be used. */
		INVALID_FULFILMENT

	}

}
