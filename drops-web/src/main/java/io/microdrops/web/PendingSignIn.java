package io.microdrops.web;

import java.io.Serializable;
import java.time.Instant;

import io.microdrops.account.AccountId;
import io.microdrops.account.TwoFactorManagement.SecondStep;

/**
 * A sign-in whose password was right and that waits for its second step (a code, or
 * enrolling in two-factor sign-in). Kept in the session; the person is not signed in
 * until the step is done.
 *
 * @param accountId the account
 * @param email the address signed in with
 * @param step what is still needed
 * @param startedAt when the password was checked
 * @param failures wrong codes so far
 */
public record PendingSignIn(AccountId accountId, String email, SecondStep step, Instant startedAt,
		int failures) implements Serializable {

	PendingSignIn failedOnce() {
		return new PendingSignIn(this.accountId, this.email, this.step, this.startedAt, this.failures + 1);
	}

}
