package io.microdrops.account;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A person who signs in: a fan, a member of staff, or both. The password is only ever
 * held as a hash produced by the application's password encoder.
 */
@Entity
@Table(name = "accounts")
public class Account {

	@Id
	private UUID id;

	@Column(nullable = false, unique = true)
	private String email;

	@Column(name = "display_name", nullable = false)
	private String displayName;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "account_roles", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "role", nullable = false)
	@Enumerated(EnumType.STRING)
	private Set<Role> roles = EnumSet.noneOf(Role.class);

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "email_confirmed_at")
	private Instant emailConfirmedAt;

	@Column(name = "marketing_consent", nullable = false)
	private boolean marketingConsent;

	@Column(name = "last_signed_in_at")
	private Instant lastSignedInAt;

	@Version
	private long version;

	protected Account() {
	}

	Account(EmailAddress email, String displayName, String passwordHash, Set<Role> roles, Instant createdAt) {
		if (roles.isEmpty()) {
			throw new IllegalArgumentException("An account needs at least one role");
		}
		this.id = UUID.randomUUID();
		this.email = email.value();
		this.displayName = displayName.strip();
		this.passwordHash = passwordHash;
		this.roles = EnumSet.copyOf(roles);
		this.enabled = true;
		this.createdAt = createdAt;
	}

	/**
	 * Returns the account's id.
	 * @return the id
	 */
	public AccountId id() {
		return new AccountId(this.id);
	}

	/**
	 * Returns the canonical e-mail address the person signs in with.
	 * @return the address
	 */
	public EmailAddress email() {
		return new EmailAddress(this.email);
	}

	/**
	 * Returns the name shown to the person and to staff.
	 * @return the display name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Returns the roles held.
	 * @return an unmodifiable set of roles
	 */
	public Set<Role> roles() {
		return Collections.unmodifiableSet(this.roles);
	}

	/**
	 * Tells whether the account may sign in.
	 * @return {@code true} unless deactivated
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Returns when the account was created.
	 * @return the creation instant
	 */
	public Instant createdAt() {
		return this.createdAt;
	}

	/**
	 * Tells whether the owner of the address has shown they receive mail there.
	 * @return {@code true} once confirmed
	 */
	public boolean isEmailConfirmed() {
		return this.emailConfirmedAt != null;
	}

	/**
	 * Returns when the address was confirmed.
	 * @return the instant, or {@code null} while unconfirmed
	 */
	public Instant emailConfirmedAt() {
		return this.emailConfirmedAt;
	}

	/**
	 * Tells whether the person wants to hear about drops of their communities.
	 * @return {@code true} when they opted in and have not unsubscribed since
	 */
	public boolean hasMarketingConsent() {
		return this.marketingConsent;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	/**
	 * Records that the address is confirmed; confirming again keeps the first instant.
	 * @param at when
	 */
	void confirmEmail(Instant at) {
		if (this.emailConfirmedAt == null) {
			this.emailConfirmedAt = at;
		}
	}

	/**
	 * Returns when the person last signed in with their password.
	 * @return the instant, or {@code null} if never
	 */
	public Instant lastSignedInAt() {
		return this.lastSignedInAt;
	}

	/**
	 * Replaces the staff roles, keeping {@link Role#FAN} as it is.
	 * @param staffRoles the staff roles to hold from now on
	 * @throws IllegalArgumentException when the account would hold no role at all
	 */
	void replaceStaffRoles(Set<Role> staffRoles) {
		EnumSet<Role> next = EnumSet.noneOf(Role.class);
		staffRoles.stream().filter(Role::isStaff).forEach(next::add);
		if (this.roles.contains(Role.FAN)) {
			next.add(Role.FAN);
		}
		if (next.isEmpty()) {
			throw new IllegalArgumentException("An account needs at least one role");
		}
		this.roles.clear();
		this.roles.addAll(next);
	}

	void grantRoles(Set<Role> granted) {
		this.roles.addAll(granted);
	}

	void deactivate() {
		this.enabled = false;
	}

	void reactivate() {
		this.enabled = true;
	}

	void signedIn(Instant at) {
		this.lastSignedInAt = at;
	}

	void changePassword(String newPasswordHash) {
		this.passwordHash = newPasswordHash;
	}

	/**
	 * Moves the account to an address its owner has just shown they receive mail at.
	 * @param newEmail the new address
	 * @param at when it was confirmed
	 */
	void changeEmail(EmailAddress newEmail, Instant at) {
		this.email = newEmail.value();
		this.emailConfirmedAt = at;
	}

	void giveMarketingConsent() {
		this.marketingConsent = true;
	}

	void withdrawMarketingConsent() {
		this.marketingConsent = false;
	}

}
