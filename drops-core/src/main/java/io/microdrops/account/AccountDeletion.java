package io.microdrops.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes a person's account at their own request, in one transaction: the password (and
 * the second factor, when the account has one) is asked for again, the last active admin
 * is refused, {@link AccountDeleted} lets every module erase or anonymise its part, and
 * the account's row becomes a tombstone: a placeholder address nobody receives mail at,
 * no name, an unusable password, no roles, no second factor, no links, tokens or
 * consents. The row stays because orders, payments and fulfilment are kept for the books
 * and point at it. The real address is free at once, so it can sign up again as a new
 * account.
 * <p>
 * A hold taken at the same moment cannot outlive the deletion: checkout calls
 * {@link #guard(AccountId)} in every claim, which waits for a deletion in progress (and
 * then refuses) or makes the deletion wait until the claim committed (and then the
 * deletion releases it). Ending the person's sessions is the web layer's part.
 */
@Service
public class AccountDeletion {

	/** The name a deleted account shows where staff see an order of it. */
	public static final String DELETED_NAME = "Deleted account";

	/** The domain of tombstone addresses; {@code .invalid} never receives mail. */
	static final String TOMBSTONE_DOMAIN = "deleted.invalid";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final TwoFactorManagement twoFactor;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	private final Clock clock;

	AccountDeletion(JdbcClient jdbc, PasswordEncoder passwordEncoder, TwoFactorManagement twoFactor,
			ApplicationEventPublisher events, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.twoFactor = twoFactor;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Tells whether an account has two-factor sign-in, so the deletion form asks for a
	 * code.
	 * @param accountId the account
	 * @return {@code true} when a code is needed to delete it
	 */
	@Transactional(readOnly = true)
	public boolean needsSecondFactor(AccountId accountId) {
		return this.twoFactor.isEnabled(accountId);
	}

	/**
	 * Deletes an account, as described on the class.
	 * @param accountId the account to delete (the signed-in person's own)
	 * @param currentPassword the password, typed again
	 * @param code a code from the authenticator app or a recovery code; needed only when
	 * the account has two-factor sign-in
	 * @return the tombstone address the account has from now on
	 * @throws WrongPasswordException when the password does not match
	 * @throws SecondFactorRefusedException when a code is needed and missing or wrong
	 * @throws LastAdminException when this is the last active admin
	 * @throws AccountDeletedException when the account is deleted already
	 */
	@Transactional
	public String delete(AccountId accountId, String currentPassword, String code) {
		// Locked first and FOR UPDATE: it waits for claims that hold the row with
		// guard(), and claims after it wait for this transaction and then see the
		// tombstone.
		Row row = this.jdbc.sql("""
				select email, password_hash, enabled, deleted_at is not null as deleted,
				       exists (select 1 from account_roles r where r.account_id = a.id and r.role = 'ADMIN') as admin
				from accounts a where id = :id for update
				""")
			.param("id", accountId.value())
			.query((rs, i) -> new Row(rs.getString("email"), rs.getString("password_hash"), rs.getBoolean("enabled"),
					rs.getBoolean("deleted"), rs.getBoolean("admin")))
			.optional()
			.orElseThrow(AccountDeletedException::new);
		if (row.deleted()) {
			throw new AccountDeletedException();
		}
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, row.passwordHash())) {
			throw new WrongPasswordException();
		}
		if (this.twoFactor.isEnabled(accountId) && (code == null || code.isBlank()
				|| !this.twoFactor.verify(accountId, code.strip(), null).accepted())) {
			throw new SecondFactorRefusedException();
		}
		if (row.admin() && row.enabled() && lockedActiveAdmins() <= 1) {
			throw new LastAdminException();
		}
		Instant now = this.clock.instant();
		// Before the tombstone: listeners may still look the person up.
		this.events.publishEvent(new AccountDeleted(accountId, now));
		String tombstone = tombstone(accountId);
		UUID id = accountId.value();
		this.jdbc.sql("""
				update accounts set email = :tombstone, display_name = :name, password_hash = :unusable,
				    enabled = false, email_confirmed_at = null, marketing_consent = false, last_signed_in_at = null,
				    totp_pending_secret = null, totp_secret = null, totp_enabled_at = null, totp_last_step = null,
				    deleted_at = :now, version = version + 1
				where id = :id
				""")
			.param("tombstone", tombstone)
			.param("name", DELETED_NAME)
			.param("unusable", this.passwordEncoder.encode(unguessable()))
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
		for (String table : List.of("account_roles", "email_confirmations", "password_resets", "email_changes",
				"recovery_codes", "api_tokens")) {
			this.jdbc.sql("delete from " + table + " where account_id = :id").param("id", id).update();
		}
		this.jdbc.sql("delete from staff_invitations where email = :email or account_id = :id")
			.param("email", row.email())
			.param("id", id)
			.update();
		this.jdbc.sql("update staff_invitations set invited_by = null where invited_by = :id").param("id", id).update();
		// The audit log keeps what happened, with the tombstone in place of the address;
		// a change of address named the old one in its detail.
		this.jdbc.sql("""
				update account_audit set detail = null
				where action = 'EMAIL_CHANGED' and (actor = :email or subject = :email)
				""").param("email", row.email()).update();
		this.jdbc.sql("update account_audit set actor = :tombstone where actor = :email")
			.param("tombstone", tombstone)
			.param("email", row.email())
			.update();
		this.jdbc.sql("update account_audit set subject = :tombstone where subject = :email")
			.param("tombstone", tombstone)
			.param("email", row.email())
			.update();
		this.audit.record(AuditAction.ACCOUNT_DELETED, tombstone, tombstone, null, null);
		return tombstone;
	}

	/**
	 * Holds an account against deletion until the caller's transaction ends, and tells
	 * whether it may still act. A deletion in progress is waited for. Cheap (one locking
	 * read of the account's row that never waits for anything but a deletion), so
	 * checkout calls it in every claim.
	 * @param accountId the account
	 * @return {@code true} when the account exists and is not deleted
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean guard(AccountId accountId) {
		// FOR KEY SHARE conflicts only with FOR UPDATE (the deletion), not with other
		// claims of the same fan or with sign-in bookkeeping.
		return this.jdbc.sql("select deleted_at is null from accounts where id = :id for key share")
			.param("id", accountId.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Tells whether an account was deleted.
	 * @param accountId the account
	 * @return {@code true} for a tombstone
	 */
	@Transactional(readOnly = true)
	public boolean isDeleted(AccountId accountId) {
		return this.jdbc.sql("select deleted_at is not null from accounts where id = :id")
			.param("id", accountId.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	static String tombstone(AccountId accountId) {
		return "deleted-" + accountId.value() + "@" + TOMBSTONE_DOMAIN;
	}

	private long lockedActiveAdmins() {
		this.jdbc
			.sql("""
					select a.id from accounts a
					where a.enabled and exists (select 1 from account_roles r where r.account_id = a.id and r.role = 'ADMIN')
					order by a.id for update
					""")
			.query(UUID.class)
			.list();
		return this.jdbc
			.sql("""
					select count(*) from accounts a
					where a.enabled and exists (select 1 from account_roles r where r.account_id = a.id and r.role = 'ADMIN')
					""")
			.query(Long.class)
			.single();
	}

	private static String unguessable() {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private record Row(String email, String passwordHash, boolean enabled, boolean deleted, boolean admin) {
	}

}
