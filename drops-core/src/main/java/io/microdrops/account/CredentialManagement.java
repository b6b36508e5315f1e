package io.microdrops.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person does with their own credentials: reset a forgotten password by a link
 * mailed to them, change the password (giving the current one), and move the account to a
 * new address, which counts only once a link mailed there was followed.
 * <p>
 * Links carry 256 random bits, of which only the SHA-256 is stored; each works once.
 * Asking for a reset link answers the same for every address: the request only publishes
 * {@link PasswordResetRequested}, and whether an account exists is found out afterwards,
 * out of the asker's sight. Ending the account's sessions after a reset or a change is
 * the web layer's part: sessions live there.
 */
@Service
public class CredentialManagement {

	/** How long a password reset link works. */
	public static final Duration RESET_LIFETIME = Duration.ofMinutes(30);

	/** How long a link to confirm a new address works. */
	public static final Duration EMAIL_CHANGE_LIFETIME = Duration.ofHours(24);

	/**
	 * Shortest wait between two reset mails to one account, so nobody can flood a
	 * mailbox.
	 */
	static final Duration RESET_PAUSE = Duration.ofMinutes(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	private final Clock clock;

	CredentialManagement(Accounts accounts, JdbcClient jdbc, PasswordEncoder passwordEncoder,
			ApplicationEventPublisher events, AuditLog audit, Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Asks for a password reset link for an address. Does the same for every well-formed
	 * address, with or without an account: publishes {@link PasswordResetRequested}.
	 * @param email the address as typed
	 * @throws IllegalArgumentException when the text is not shaped like an e-mail address
	 */
	@Transactional
	public void requestPasswordReset(String email) {
		this.events.publishEvent(new PasswordResetRequested(new EmailAddress(email).value()));
	}

	/**
	 * Issues a reset link for the account of an address, valid for
	 * {@link #RESET_LIFETIME}. Nothing is issued for an unknown address, a deactivated
	 * account, or within a minute of the last link to the same account.
	 * @param email the canonical address
	 * @return the token for the link and whom to mail it to, or empty
	 */
	@Transactional
	public Optional<IssuedLink> issuePasswordReset(String email) {
		if (!EmailAddress.isValid(email)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.accounts.findByEmail(new EmailAddress(email).value())
			.filter(Account::isEnabled)
			.filter(account -> !this.jdbc.sql(
					"select exists (select 1 from password_resets where account_id = :account and created_at > :since)")
				.param("account", account.id().value())
				.param("since", Timestamp.from(now.minus(RESET_PAUSE)))
				.query(Boolean.class)
				.single())
			.map(account -> {
				String token = newToken();
				this.jdbc.sql("""
						insert into password_resets (token_hash, account_id, created_at, expires_at)
						values (:hash, :account, :now, :expires)
						""")
					.param("hash", AccountManagement.sha256(token))
					.param("account", account.id().value())
					.param("now", Timestamp.from(now))
					.param("expires", Timestamp.from(now.plus(RESET_LIFETIME)))
					.update();
				return new IssuedLink(token, account.id(), account.email().value(), account.displayName());
			});
	}

	/**
	 * Tells whether a reset link works.
	 * @param token the token from the link, as received (may be anything)
	 * @return the link's status
	 */
	@Transactional(readOnly = true)
	public LinkStatus passwordResetStatus(String token) {
		return findReset(token, false).map(ResetRow::status).orElse(LinkStatus.UNKNOWN);
	}

	/**
	 * Sets a new password through a reset link, uses the link up and voids every other
	 * open reset link of the account. The caller ends the account's sessions.
	 * @param token the token from the link
	 * @param newPassword the new password
	 * @return the account's address (the name its sessions are indexed by)
	 * @throws LinkNotOpenException when the link is used, expired or unknown
	 * @throws WeakPasswordException when the password breaks the {@link PasswordPolicy}
	 */
	@Transactional
	public String resetPassword(String token, String newPassword) {
		// Locked, so two submissions of one link cannot both count as its single use.
		ResetRow reset = findReset(token, true).orElseThrow(() -> new LinkNotOpenException(LinkStatus.UNKNOWN));
		if (reset.status() != LinkStatus.OPEN) {
			throw new LinkNotOpenException(reset.status());
		}
		Account account = this.accounts.findById(reset.accountId())
			.orElseThrow(() -> new LinkNotOpenException(LinkStatus.UNKNOWN));
		requireStrong(newPassword, account);
		account.changePassword(this.passwordEncoder.encode(newPassword));
		voidOpenResets(account.id());
		this.audit.record(AuditAction.PASSWORD_RESET, account.email().value(), account.email().value(), null, null);
		return account.email().value();
	}

	/**
	 * Changes a password; needs the current one. Open reset links of the account stop
	 * working.
	 * @param accountId the account
	 * @param currentPassword the password now
	 * @param newPassword the password from now on
	 * @throws WrongPasswordException when the current password does not match
	 * @throws WeakPasswordException when the new password breaks the
	 * {@link PasswordPolicy}
	 */
	@Transactional
	public void changePassword(AccountId accountId, String currentPassword, String newPassword) {
		Account account = this.accounts.findById(accountId.value()).orElseThrow();
		requireCurrentPassword(account, currentPassword);
		requireStrong(newPassword, account);
		account.changePassword(this.passwordEncoder.encode(newPassword));
		voidOpenResets(account.id());
		this.audit.record(AuditAction.PASSWORD_CHANGED, account.email().value(), account.email().value(), null, null);
	}

	/**
	 * Asks to move an account to a new address; needs the current password. Nothing
	 * changes until the link mailed to the new address is followed. When the new address
	 * has an account already, no link is issued: the caller mails that address a notice
	 * instead, and tells the asker the same as otherwise.
	 * @param accountId the account
	 * @param currentPassword the password now
	 * @param newEmail the new address as typed
	 * @return what to mail to the new address
	 * @throws WrongPasswordException when the current password does not match
	 * @throws IllegalArgumentException when the new address is malformed or the current
	 * one
	 */
	@Transactional
	public EmailChangeRequest requestEmailChange(AccountId accountId, String currentPassword, String newEmail) {
		Account account = this.accounts.findById(accountId.value()).orElseThrow();
		requireCurrentPassword(account, currentPassword);
		EmailAddress address = new EmailAddress(newEmail);
		if (address.equals(account.email())) {
			throw new IllegalArgumentException("That is the current address");
		}
		// A newer request replaces an older one.
		this.jdbc.sql("delete from email_changes where account_id = :account and used_at is null")
			.param("account", account.id().value())
			.update();
		if (this.accounts.existsByEmail(address.value())) {
			return new EmailChangeRequest(null, account.email().value(), address.value(), account.displayName());
		}
		String token = newToken();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into email_changes (token_hash, account_id, new_email, created_at, expires_at)
				values (:hash, :account, :email, :now, :expires)
				""")
			.param("hash", AccountManagement.sha256(token))
			.param("account", account.id().value())
			.param("email", address.value())
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(EMAIL_CHANGE_LIFETIME)))
			.update();
		return new EmailChangeRequest(token, account.email().value(), address.value(), account.displayName());
	}

	/**
	 * Tells where a change-of-address link leads.
	 * @param token the token from the link, as received (may be anything)
	 * @return the link's status and new address (when known)
	 */
	@Transactional(readOnly = true)
	public PendingEmailChange findEmailChange(String token) {
		return findChange(token, false).orElseGet(() -> new PendingEmailChange(null, null, LinkStatus.UNKNOWN));
	}

	/**
	 * Follows a change-of-address link: the account signs in with the new address from
	 * now on, which counts as confirmed. The caller tells the old address and ends the
	 * sessions (indexed by the old address).
	 * @param token the token from the link
	 * @return the old and new address
	 * @throws LinkNotOpenException when the link is used, expired or unknown
	 * @throws EmailAlreadyRegisteredException when the new address got an account in the
	 * meantime
	 */
	@Transactional
	public EmailChanged confirmEmailChange(String token) {
		PendingEmailChange change = findChange(token, true)
			.orElseThrow(() -> new LinkNotOpenException(LinkStatus.UNKNOWN));
		if (change.status() != LinkStatus.OPEN) {
			throw new LinkNotOpenException(change.status());
		}
		Account account = this.accounts.findById(change.accountId().value())
			.orElseThrow(() -> new LinkNotOpenException(LinkStatus.UNKNOWN));
		EmailAddress newEmail = new EmailAddress(change.newEmail());
		if (this.accounts.existsByEmail(newEmail.value())) {
			throw new EmailAlreadyRegisteredException(newEmail);
		}
		String oldEmail = account.email().value();
		Instant now = this.clock.instant();
		account.changeEmail(newEmail, now);
		try {
			this.accounts.saveAndFlush(account);
		}
		catch (DataIntegrityViolationException ex) {
			// Someone signed up with the address a moment ago; the unique index decided.
			throw new EmailAlreadyRegisteredException(newEmail);
		}
		this.jdbc.sql("update email_changes set used_at = :now where token_hash = :hash")
			.param("now", Timestamp.from(now))
			.param("hash", AccountManagement.sha256(token))
			.update();
		this.audit.record(AuditAction.EMAIL_CHANGED, oldEmail, newEmail.value(), null, oldEmail + " → " + newEmail);
		return new EmailChanged(account.id(), oldEmail, newEmail.value(), account.displayName());
	}

	private Optional<ResetRow> findReset(String token, boolean forUpdate) {
		if (!plausible(token)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("select account_id, expires_at, used_at from password_resets where token_hash = :hash"
					+ (forUpdate ? " for update" : ""))
			.param("hash", AccountManagement.sha256(token))
			.query((rs, row) -> new ResetRow(rs.getObject("account_id", UUID.class),
					status(rs.getTimestamp("expires_at"), rs.getTimestamp("used_at"), now)))
			.optional();
	}

	private Optional<PendingEmailChange> findChange(String token, boolean forUpdate) {
		if (!plausible(token)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("select account_id, new_email, expires_at, used_at from email_changes where token_hash = :hash"
					+ (forUpdate ? " for update" : ""))
			.param("hash", AccountManagement.sha256(token))
			.query((rs, row) -> new PendingEmailChange(new AccountId(rs.getObject("account_id", UUID.class)),
					rs.getString("new_email"), status(rs.getTimestamp("expires_at"), rs.getTimestamp("used_at"), now)))
			.optional();
	}

	private static LinkStatus status(Timestamp expiresAt, Timestamp usedAt, Instant now) {
		if (usedAt != null) {
			return LinkStatus.USED;
		}
		return now.isBefore(expiresAt.toInstant()) ? LinkStatus.OPEN : LinkStatus.EXPIRED;
	}

	private void voidOpenResets(AccountId account) {
		this.jdbc.sql("update password_resets set used_at = :now where account_id = :account and used_at is null")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("account", account.value())
			.update();
	}

	private void requireCurrentPassword(Account account, String currentPassword) {
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, account.passwordHash())) {
			throw new WrongPasswordException();
		}
	}

	private static void requireStrong(String password, Account account) {
		PasswordPolicy.problemWith(password, account.email().value()).ifPresent(problem -> {
			throw new WeakPasswordException(problem);
		});
	}

	private static boolean plausible(String token) {
		return token != null && !token.isBlank() && token.length() <= 100;
	}

	static String newToken() {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private record ResetRow(UUID accountId, LinkStatus status) {
	}

	/**
	 * A link issued to an account's owner, with whom to mail it to.
	 *
	 * @param token the token for the link (only its hash is stored)
	 * @param accountId the account
	 * @param email the address to mail
	 * @param displayName the name to greet them with
	 */
	public record IssuedLink(String token, AccountId accountId, String email, String displayName) {
	}

	/**
	 * What to mail after someone asked to move their account to a new address.
	 *
	 * @param token the token for the confirmation link, {@code null} when the new address
	 * has an account already (mail a notice instead)
	 * @param oldEmail the current address
	 * @param newEmail the canonical new address
	 * @param displayName the name to greet them with
	 */
	public record EmailChangeRequest(String token, String oldEmail, String newEmail, String displayName) {

		/**
		 * Tells whether the new address belongs to another account.
		 * @return {@code true} when no link was issued
		 */
		public boolean addressTaken() {
			return this.token == null;
		}

	}

	/**
	 * Where a change-of-address link leads.
	 *
	 * @param accountId the account, {@code null} when unknown
	 * @param newEmail the new address, {@code null} when unknown
	 * @param status whether the link works
	 */
	public record PendingEmailChange(AccountId accountId, String newEmail, LinkStatus status) {
	}

	/**
	 * An account moved to a new address.
	 *
	 * @param accountId the account
	 * @param oldEmail the address before
	 * @param newEmail the address now
	 * @param displayName the name to greet them with
	 */
	public record EmailChanged(AccountId accountId, String oldEmail, String newEmail, String displayName) {
	}

}
