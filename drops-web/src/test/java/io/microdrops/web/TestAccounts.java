package io.microdrops.web;

import java.util.Set;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;

/**
 * The accounts web tests sign in as, one per role plus a second fan; created on first
 * use.
 */
public final class TestAccounts {

	public static final String PASSWORD = "test accounts password";

	public static final String ADMIN = "t-admin@example.com";

	public static final String MERCHANDISER = "t-merch@example.com";

	public static final String OPS = "t-ops@example.com";

	public static final String FAN = "t-fan@example.com";

	public static final String OTHER_FAN = "t-fan2@example.com";

	private TestAccounts() {
	}

	public static void ensure(AccountManagement accounts) {
		accounts.createIfAbsent(ADMIN, "Test Admin", PASSWORD, Set.of(Role.ADMIN));
		accounts.createIfAbsent(MERCHANDISER, "Test Merchandiser", PASSWORD, Set.of(Role.MERCHANDISER));
		accounts.createIfAbsent(OPS, "Test Ops", PASSWORD, Set.of(Role.OPS));
		accounts.createIfAbsent(FAN, "Test Fan", PASSWORD, Set.of(Role.FAN));
		accounts.createIfAbsent(OTHER_FAN, "Other Fan", PASSWORD, Set.of(Role.FAN));
	}

}
