package io.microdrops.checkout;

import io.microdrops.account.AccountId;
import io.microdrops.drop.Drop;

/**
 * Lets a fan reserve from a drop with a waiting room: {@link Checkout} asks it inside the
 * reserve's transaction, and only for such drops (the flag comes with the drop, so other
 * drops pay nothing). The waiting room implements it; without an implementation every
 * reserve at such a drop is refused.
 */
public interface AdmissionGate {

	/**
	 * Uses a fan's admission to a drop. Called in the reserve's transaction: when that
	 * rolls back (the hold was refused for another reason), the admission is unused
	 * again.
	 * @param drop the drop, with its waiting room on
	 * @param fan the fan who reserves
	 * @param token the admission token the fan presented, or {@code null}
	 * @return {@code true} when the token was valid for this fan and drop, had not
	 * expired and had not been used, and is now used
	 */
	boolean admit(Drop drop, AccountId fan, String token);

}
