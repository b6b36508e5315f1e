package io.microdrops.fulfilment;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A pickup waits at its hub: the fan is told, with the code and its QR image.
 *
 * @param fulfilmentOrder the fulfilment order
 * @param order the order
 * @param orderNumber its number
 * @param fan the fan
 * @param hub the hub's id
 * @param day the pickup day
 * @param slotStarts start of the pickup slot
 * @param slotEnds end of the pickup slot
 * @param pickupCode the code to show at the hub
 * @param imageToken the secret name of the code's QR image, for mail
 */
public record PickupReady(UUID fulfilmentOrder, UUID order, String orderNumber, AccountId fan, UUID hub, LocalDate day,
		LocalTime slotStarts, LocalTime slotEnds, String pickupCode, String imageToken) {
}
