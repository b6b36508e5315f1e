package io.microdrops.checkout;

import java.time.Instant;
import java.util.UUID;

/**
 * What checkout asks about the fan's fulfilment choice: the port through which the
 * fulfilment module (which depends on checkout, never the other way round) checks hubs,
 * allocations, pickup capacity and delivery areas. Without an implementation, checkout
 * accepts any complete choice.
 */
public interface FulfilmentOptions {

	/**
	 * Checks a choice before the fan is charged and completes it: the hub that delivers
	 * to the address, the delivery day, the earliest pickup slot when none was chosen.
	 * @param dropItem the drop item bought
	 * @param quantity the units bought
	 * @param choice the fan's choice
	 * @return the complete choice to book
	 * @throws FulfilmentRefusedException when the choice is not possible, with the field
	 * and the reason
	 */
	Fulfilment check(UUID dropItem, int quantity, Fulfilment choice);

	/**
	 * Checks a choice as {@link #check(UUID, int, Fulfilment)} does, and that it still is
	 * what the fan's page named at a moment: a local delivery that an order placed now
	 * would send out later than the day named then (the hub's same-day cut-off passed
	 * while the fan paid) is refused, so the fan sees the later day before any charge.
	 * Without such a rule, the check alone.
	 * @param dropItem the drop item bought
	 * @param quantity the units bought
	 * @param choice the fan's choice
	 * @param shownAt when the fan's page was shown, or {@code null}
	 * @return the complete choice to book
	 * @throws FulfilmentRefusedException when the choice is not possible, or its day
	 * moved
	 */
	default Fulfilment check(UUID dropItem, int quantity, Fulfilment choice, Instant shownAt) {
		return check(dropItem, quantity, choice);
	}

	/**
	 * Books a checked choice in the transaction that records the order: the hub's
	 * allocation and the pickup day's capacity are taken here, so that a race between
	 * fans is decided by the database and the order exists only with its booking.
	 * @param order the order being recorded
	 * @param dropItem the drop item bought
	 * @param quantity the units bought
	 * @param choice the choice returned by {@link #check}
	 * @throws FulfilmentRefusedException when another order took the last of it meanwhile
	 */
	void book(UUID order, UUID dropItem, int quantity, Fulfilment choice);

}
