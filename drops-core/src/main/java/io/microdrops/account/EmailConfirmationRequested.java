package io.microdrops.account;

/**
 * A signed-in person asked for a new link to confirm their address.
 *
 * @param accountId the account
 * @param email the canonical address to confirm
 * @param displayName the name to greet them with
 */
public record EmailConfirmationRequested(AccountId accountId, String email, String displayName) {
}
