package io.microdrops.account;

/**
 * A fan created an account; their address is not confirmed yet. Published through the
 * event publication registry in the sign-up's transaction, so it is delivered even if the
 * node stops right after the commit.
 *
 * @param accountId the new account
 * @param email the canonical address to confirm
 * @param displayName the name the fan chose
 */
public record FanSignedUp(AccountId accountId, String email, String displayName) {
}
