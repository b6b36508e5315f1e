package io.microdrops.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.stream.Collectors;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement.Credentials;
import io.microdrops.account.Role;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The person behind a signed-in session: their account id, e-mail, display name and
 * roles. Controllers receive it with {@code @AuthenticationPrincipal}.
 */
public final class SignedInUser implements UserDetails {

	private static final long serialVersionUID = 1L;

	private final AccountId accountId;

	private final String email;

	private final String displayName;

	private final String passwordHash;

	// A concrete serializable list: signed-in users are stored in the database-backed
	// session.
	private final ArrayList<SimpleGrantedAuthority> authorities;

	private final boolean enabled;

	SignedInUser(Credentials credentials) {
		this.accountId = credentials.id();
		this.email = credentials.email();
		this.displayName = credentials.displayName();
		this.passwordHash = credentials.passwordHash();
		this.authorities = credentials.roles()
			.stream()
			.map(Role::name)
			.sorted()
			.map(role -> new SimpleGrantedAuthority("ROLE_" + role))
			.collect(Collectors.toCollection(ArrayList::new));
		this.enabled = credentials.enabled();
	}

	/**
	 * Returns the account's id.
	 * @return the id
	 */
	public AccountId accountId() {
		return this.accountId;
	}

	/**
	 * Returns the name to greet the person with.
	 * @return the display name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Tells whether the person holds a role.
	 * @param role the role
	 * @return {@code true} if held
	 */
	public boolean hasRole(Role role) {
		return this.authorities.contains(new SimpleGrantedAuthority("ROLE_" + role.name()));
	}

	/**
	 * Tells whether the person is an admin, who may override rules such as the fatigue
	 * guard.
	 * @return {@code true} for the ADMIN role
	 */
	public boolean isAdmin() {
		return hasRole(Role.ADMIN);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.email;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

}
