package io.microdrops.account;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies an {@link Account}; other modules refer to accounts by this id only.
 *
 * @param value the id
 */
public record AccountId(UUID value) implements Serializable {

	/**
	 * Creates a new random id.
	 * @return a fresh id
	 */
	public static AccountId random() {
		return new AccountId(UUID.randomUUID());
	}

}
