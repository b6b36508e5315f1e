package io.microdrops.account;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts and answers who may sign in. Sign-up is open to fans; staff accounts
 * are created by the application itself (demo data, invitations).
 */
@Service
public class AccountManagement {

	private final Accounts accounts;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	AccountManagement(Accounts accounts, PasswordEncoder passwordEncoder, Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * Signs a fan up.
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
		try {
			this.accounts.saveAndFlush(account);
		}
		catch (DataIntegrityViolationException ex) {
			// Two sign-ups for one address raced past the check above; the unique index
			// decided.
			throw new EmailAlreadyRegisteredException(email);
		}
		return account.id();
	}

	/**
	 * Creates an account with the given roles unless the address has one already; used
	 * for demo accounts, where running twice must change nothing.
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
		this.accounts.save(
				new Account(address, displayName, this.passwordEncoder.encode(password), roles, this.clock.instant()));
		return true;
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

	/**
	 * What a fan types to sign up.
	 *
	 * @param email the e-mail address
	 * @param displayName the name to show
	 * @param password the chosen password
	 */
	public record SignUp(String email, String displayName, String password) {
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
