package io.microdrops.storefront;

import io.microdrops.checkout.Fulfilment;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The pre-order form as typed: which item and how many, the card to charge if the drop
 * reaches its threshold, and how the order should reach the fan.
 *
 * @param sku the SKU's slug
 * @param quantity how many units
 * @param cardNumber the card (a demo card with the demo provider)
 * @param method how the order reaches the fan
 * @param hub the micro-hub, for pickup
 * @param address the address, for delivery or shipping
 */
record PreorderForm(@NotBlank(message = "{form.required}") @Size(max = 60, message = "{form.too-long}") String sku,
		@NotNull(message = "{form.required}") @Min(value = 1, message = "{preorder.refused.INVALID_QUANTITY}") @Max(
				value = 100, message = "{preorder.refused.OVER_LIMIT}") Integer quantity,
		@NotBlank(message = "{form.required}") @Size(max = 100,
				message = "{preorder.refused.INVALID_PAYMENT}") String cardNumber,
		@NotNull(message = "{form.required}") Fulfilment.Method method,
		@Size(max = 60, message = "{form.too-long}") String hub,
		@Size(max = 500, message = "{form.too-long}") String address) {

	static PreorderForm empty(String sku) {
		return new PreorderForm(sku, 1, "", Fulfilment.Method.PICKUP, "", "");
	}

}
