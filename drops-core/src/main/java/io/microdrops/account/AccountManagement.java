package io.microdrops.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts and answers who may sign in. Sign-up is open to fans; staff accounts
 * are created by the application itself (demo data, invitations). A fan's address counts
 * as confirmed once they followed a single-use link mailed to it (double opt-in), and
 * marketing mail needs their consent, which they can withdraw at any time.
 */
@Service
public class AccountManagement {

	/** How long a confirmation link works. */
	public static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(48);

	/** Shortest wait between two confirmation links asked for by one person. */
	static final Duration CONFIRMATION_RESEND_PAUSE = Duration.ofMinutes(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Accounts accounts;

	private final EmailConfirmations confirmations;

	private final PasswordEncoder passwordEncoder;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccountManagement(Accounts accounts, EmailConfirmations confirmations, PasswordEncoder passwordEncoder,
			ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.confirmations = confirmations;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Signs a fan up and publishes {@link FanSignedUp} in the same transaction, so the
	 * confirmation mail is queued if and only if the account exists.
	 * @param signUp what the fan typed
	 * @return the new account's id
	 * @throws EmailAlreadyRegisteredException when the address has an account already
	 * @throws WeakPasswordException when the password breaks the {@link PasswordPolicy}
	 */
	@Transactional
	public AccountId signUpFan(SignUp signUp) {
		EmailAddress email = new EmailAddress(signUp.email());
		PasswordPolicy.problemWith(signUp.password(), email.value()).ifPresent(problem -> {
			throw new WeakPasswordException(problem);
		});
		if (this.accounts.existsByEmail(email.value())) {
			throw new EmailAlreadyRegisteredException(email);
		}
		Account account = new Account(email, signUp.displayName(), this.passwordEncoder.encode(signUp.password()),
				EnumSet.of(Role.FAN), this.clock.instant());
		if (signUp.marketingConsent()) {
			account.giveMarketingConsent();
		}
		try {
			this.accounts.saveAndFlush(account);
		}
		catch (DataIntegrityViolationException ex) {
			// Two sign-ups for one address raced past the check above; the unique index
			// decided.
			throw new EmailAlreadyRegisteredException(email);
		}
		this.events.publishEvent(new FanSignedUp(account.id(), account.email().value(), account.displayName()));
		return account.id();
	}

	/**
	 * Signs a fan up without telling the person signing up whether the address had an
	 * account: a new address gets an account and {@link FanSignedUp} (the confirmation
	 * mail), an address with an account gets {@link SignUpForRegisteredAddress} (a mail
	 * to its owner) and nothing else. Both ways hash the password, so they take about as
	 * long.
	 * @param signUp what the fan typed
	 * @throws WeakPasswordException when the password breaks the {@link PasswordPolicy}
	 * @throws IllegalArgumentException when the address is malformed
	 */
	@Transactional
	public void signUpOrTellOwner(SignUp signUp) {
		EmailAddress email = new EmailAddress(signUp.email());
		PasswordPolicy.problemWith(signUp.password(), email.value()).ifPresent(problem -> {
			throw new WeakPasswordException(problem);
		});
		Optional<Account> existing = this.accounts.findByEmail(email.value());
		if (existing.isPresent()) {
			// The same costly hash as a real sign-up, thrown away: the answer must not be
			// quicker for a known address.
			this.passwordEncoder.encode(signUp.password());
			Account owner = existing.get();
			this.events
				.publishEvent(new SignUpForRegisteredAddress(owner.id(), owner.email().value(), owner.displayName()));
			return;
		}
		signUpFan(signUp);
	}

	/**
	 * Finds the names accounts show, for staff lists (never their addresses).
	 * @param ids the accounts
	 * @return each known account's display name
	 */
	@Transactional(readOnly = true)
	public Map<AccountId, String> displayNames(Collection<AccountId> ids) {
		return this.accounts.findAllById(ids.stream().map(AccountId::value).toList())
			.stream()
			.collect(Collectors.toMap(Account::id, Account::displayName));
	}

	/**
	 * Creates an account with the given roles unless the address has one already; used
	 * for demo accounts, where running twice must change nothing. The address of an
	 * account the application creates itself counts as confirmed, and it gets no
	 * marketing mail.
	 * @param email the address
	 * @param displayName the name shown
	 * @param password the password in clear, hashed before it is stored
	 * @param roles the roles to grant
	 * @return {@code true} if the account was created now
	 */
	@Transactional
	public boolean createIfAbsent(String email, String displayName, String password, Set<Role> roles) {
		EmailAddress address = new EmailAddress(email);
		if (this.accounts.existsByEmail(address.value())) {
			return false;
		}
		Instant now = this.clock.instant();
		Account account = new Account(address, displayName, this.passwordEncoder.encode(password), roles, now);
		account.confirmEmail(now);
		this.accounts.save(account);
		return true;
	}

	/**
	 * Issues a new single-use link token to confirm an account's address, valid for
	 * {@link #CONFIRMATION_LIFETIME}. Only the token's SHA-256 is stored; the caller puts
	 * the returned token into the link it mails. Earlier links stay valid until they
	 * expire, so a fan who asked twice can use either mail.
	 * @param accountId the account
	 * @return the token (256 random bits, URL-safe), empty when the account is unknown or
	 * its address is confirmed already
	 */
	@Transactional
	public Optional<String> issueEmailConfirmation(AccountId accountId) {
		return this.accounts.findById(accountId.value()).filter(account -> !account.isEmailConfirmed()).map(account -> {
			byte[] random = new byte[32];
			RANDOM.nextBytes(random);
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			Instant now = this.clock.instant();
			this.confirmations
				.save(new EmailConfirmation(sha256(token), account.id(), now, now.plus(CONFIRMATION_LIFETIME)));
			return token;
		});
	}

	/**
	 * Asks for a new confirmation mail for a person whose address is not confirmed yet,
	 * by publishing {@link EmailConfirmationRequested}. Asking again within a minute of
	 * the last link changes nothing, so a double click sends one mail.
	 * @param accountId the account
	 * @return {@code true} if a new mail was asked for
	 */
	@Transactional
	public boolean requestEmailConfirmation(AccountId accountId) {
		Optional<Account> unconfirmed = this.accounts.findById(accountId.value())
			.filter(account -> !account.isEmailConfirmed());
		if (unconfirmed.isEmpty() || this.confirmations.existsByAccountIdAndCreatedAtAfter(accountId.value(),
				this.clock.instant().minus(CONFIRMATION_RESEND_PAUSE))) {
			return false;
		}
		Account account = unconfirmed.get();
		this.events
			.publishEvent(new EmailConfirmationRequested(account.id(), account.email().value(), account.displayName()));
		return true;
	}

	/**
	 * Follows a confirmation link: confirms the address of the link's account and uses
	 * the link up.
	 * @param token the token from the link, as received (may be anything)
	 * @return what happened; never throws for a bad token
	 */
	@Transactional
	public EmailConfirmationOutcome confirmEmail(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return EmailConfirmationOutcome.UNKNOWN;
		}
		Optional<EmailConfirmation> found = this.confirmations.findForUpdate(sha256(token));
		if (found.isEmpty()) {
			return EmailConfirmationOutcome.UNKNOWN;
		}
		EmailConfirmation confirmation = found.get();
		Instant now = this.clock.instant();
		if (confirmation.isUsed()) {
			return EmailConfirmationOutcome.ALREADY_USED;
		}
		if (confirmation.isExpiredAt(now)) {
			return EmailConfirmationOutcome.EXPIRED;
		}
		Optional<Account> account = this.accounts.findById(confirmation.account().value());
		if (account.isEmpty()) {
			return EmailConfirmationOutcome.UNKNOWN;
		}
		confirmation.use(now);
		account.get().confirmEmail(now);
		return EmailConfirmationOutcome.CONFIRMED;
	}

	/**
	 * Tells whether an account's address is confirmed.
	 * @param accountId the account
	 * @return {@code true} once confirmed; {@code false} for an unknown account
	 */
	@Transactional(readOnly = true)
	public boolean isEmailConfirmed(AccountId accountId) {
		return this.accounts.findById(accountId.value()).map(Account::isEmailConfirmed).orElse(false);
	}

	/**
	 * Tells whether a person agreed to hear about drops of their communities.
	 * @param accountId the account
	 * @return {@code true} when they opted in and have not withdrawn; {@code false} for
	 * an unknown account
	 */
	@Transactional(readOnly = true)
	public boolean hasMarketingConsent(AccountId accountId) {
		return this.accounts.findById(accountId.value()).map(Account::hasMarketingConsent).orElse(false);
	}

	/**
	 * Records a person's consent to hear about drops of their communities, given on their
	 * own account page; giving it twice is harmless.
	 * @param accountId the account
	 * @return {@code true} if the account exists
	 */
	@Transactional
	public boolean giveMarketingConsent(AccountId accountId) {
		return this.accounts.findById(accountId.value()).map(account -> {
			account.giveMarketingConsent();
			return true;
		}).orElse(false);
	}

	/**
	 * Withdraws a person's marketing consent (unsubscribe); doing it twice is harmless.
	 * @param accountId the account
	 * @return {@code true} if the account exists
	 */
	@Transactional
	public boolean withdrawMarketingConsent(AccountId accountId) {
		return this.accounts.findById(accountId.value()).map(account -> {
			account.withdrawMarketingConsent();
			return true;
		}).orElse(false);
	}

	/**
	 * Returns how to reach a person by mail.
	 * @param accountId the account
	 * @return the address and display name, empty for an unknown account
	 */
	@Transactional(readOnly = true)
	public Optional<Contact> contactOf(AccountId accountId) {
		return this.accounts.findById(accountId.value())
			.map(account -> new Contact(account.email().value(), account.displayName()));
	}

	/**
	 * Looks up what is needed to check a sign-in.
	 * @param email the address as typed
	 * @return the credentials, empty when no account has that address
	 */
	@Transactional(readOnly = true)
	public Optional<Credentials> findCredentials(String email) {
		if (!EmailAddress.isValid(email)) {
			return Optional.empty();
		}
		return this.accounts.findByEmail(new EmailAddress(email).value())
			.map(account -> new Credentials(account.id(), account.email().value(), account.displayName(),
					account.passwordHash(), account.roles(), account.isEnabled()));
	}

	/**
	 * Counts accounts.
	 * @return how many accounts exist
	 */
	@Transactional(readOnly = true)
	public long count() {
		return this.accounts.count();
	}

	static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	/**
	 * What a fan types to sign up.
	 *
	 * @param email the e-mail address
	 * @param displayName the name to show
	 * @param password the chosen password
	 * @param marketingConsent whether they want to hear about drops of their communities
	 */
	public record SignUp(String email, String displayName, String password, boolean marketingConsent) {

		/**
		 * A sign-up without marketing consent.
		 * @param email the e-mail address
		 * @param displayName the name to show
		 * @param password the chosen password
		 */
		public SignUp(String email, String displayName, String password) {
			this(email, displayName, password, false);
		}

	}

	/**
	 * What checking a sign-in needs; the hash never leaves the server.
	 *
	 * @param id the account
	 * @param email the canonical address
	 * @param displayName the name shown
	 * @param passwordHash the stored hash
	 * @param roles the roles held
	 * @param enabled whether the account may sign in
	 */
	public record Credentials(AccountId id, String email, String displayName, String passwordHash, Set<Role> roles,
			boolean enabled) {
	}

}
