package io.microdrops.fulfilment;

import java.util.UUID;

/**
 * Who changed a fulfilment order: a staff account, or the system.
 *
 * @param account the account's id, {@code null} for the system
 * @param name the name recorded in the history
 */
public record Actor(UUID account, String name) {

	/** Drops itself, e.g. when an order arrives from checkout. */
	public static final Actor SYSTEM = new Actor(null, "Drops");

}
