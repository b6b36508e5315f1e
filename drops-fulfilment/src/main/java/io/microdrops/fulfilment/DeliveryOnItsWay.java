package io.microdrops.fulfilment;

import java.time.LocalDate;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A local delivery left its hub: the fan is told.
 *
 * @param fulfilmentOrder the fulfilment order
 * @param order the order
 * @param orderNumber its number
 * @param fan the fan
 * @param day the delivery day
 */
public record DeliveryOnItsWay(UUID fulfilmentOrder, UUID order, String orderNumber, AccountId fan, LocalDate day) {
}
