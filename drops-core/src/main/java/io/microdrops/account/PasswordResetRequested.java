package io.microdrops.account;

/**
 * Someone asked for a password reset link for an address, which may or may not have an
 * account. Published whatever the answer, so the request itself does the same work for
 * every address; the listener that mails the link finds out whether there is an account.
 *
 * @param email the canonical address typed
 */
public record PasswordResetRequested(String email) {
}
