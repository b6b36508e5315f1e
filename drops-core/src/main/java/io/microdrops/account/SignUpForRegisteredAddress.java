package io.microdrops.account;

/**
 * Someone signed up with an address that has an account already. The person signing up is
 * told the same as for a new account ("check your inbox"); the owner of the address gets
 * a mail instead, so nobody learns from the sign-up page which addresses have accounts.
 *
 * @param accountId the existing account
 * @param email its canonical address
 * @param displayName the name its owner chose
 */
public record SignUpForRegisteredAddress(AccountId accountId, String email, String displayName) {
}
