package io.microdrops.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff: the first admin of a new shop, invitations, roles, deactivation and the audit
 * log. Links (setup, invitations) carry 256 random bits of which only the SHA-256 is
 * stored; each works once. Drops always keeps at least one active admin: changes that
 * would remove the last one are refused inside the transaction, with the active admins'
 * rows locked, so two admins demoting each other at the same moment cannot both succeed.
 */
@Service
public class StaffManagement {

	/** How long a setup token printed by one node's start-up is kept for other nodes. */
	static final Duration SETUP_TOKEN_SHARED_FOR = Duration.ofMinutes(15);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final Duration invitationLifetime;

	StaffManagement(Accounts accounts, JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock,
			@Value("${drops.staff.invitation-lifetime:P7D}") Duration invitationLifetime) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.invitationLifetime = invitationLifetime;
	}

	/**
	 * Tells whether an active admin exists.
	 * @return {@code true} once the shop has one
	 */
	@Transactional(readOnly = true)
	public boolean adminExists() {
		return activeAdminCount() > 0;
	}

	/**
	 * Issues the one-time setup token of a first run, while no admin exists. The token is
	 * one database row for every node: a token issued by another node less than 15
	 * minutes ago is kept (that node's log shows it), an older or used one is replaced.
	 * @return the new token, empty when an admin exists or another node's token is kept
	 */
	@Transactional
	public Optional<String> issueSetupToken() {
		if (adminExists()) {
			return Optional.empty();
		}
		String token = newToken();
		Instant now = this.clock.instant();
		int written = this.jdbc.sql("""
				insert into setup_token (id, token_hash, created_at) values (1, :hash, :now)
				on conflict (id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at,
				    used_at = null
				where setup_token.used_at is not null or setup_token.created_at < :keepAfter
				""")
			.param("hash", AccountManagement.sha256(token))
			.param("now", Timestamp.from(now))
			.param("keepAfter", Timestamp.from(now.minus(SETUP_TOKEN_SHARED_FOR)))
			.update();
		return (written == 1) ? Optional.of(token) : Optional.empty();
	}

	/**
	 * Tells whether a setup link can be used now: no admin exists and the token is the
	 * current, unused one.
	 * @param token the token from the link, as received (may be anything)
	 * @return {@code true} if {@link #completeSetup} would accept it
	 */
	@Transactional(readOnly = true)
	public boolean isSetupOpen(String token) {
		return plausible(token) && !adminExists()
				&& this.jdbc
					.sql("select count(*) from setup_token where id = 1 and token_hash = :hash and used_at is null")
					.param("hash", AccountManagement.sha256(token))
					.query(Long.class)
					.single() == 1;
	}

	/**
	 * Creates the first admin through the one-time setup link and uses the link up.
	 * @param token the token from the link
	 * @param email the admin's address
	 * @param displayName the name shown
	 * @param password the chosen password
	 * @return the new admin's id
	 * @throws InvitationNotOpenException when the link does not work (any more)
	 * @throws WeakPasswordException when the password breaks the {@link PasswordPolicy}
	 * @throws EmailAlreadyRegisteredException when the address has an account already
	 */
	@Transactional
	public AccountId completeSetup(String token, String email, String displayName, String password) {
		if (!plausible(token)) {
			throw new InvitationNotOpenException(InvitationStatus.UNKNOWN);
		}
		// The row lock makes two submissions of one link queue; the second sees it used.
		Optional<String> hash = this.jdbc
			.sql("select token_hash from setup_token where id = 1 and used_at is null for update")
			.query(String.class)
			.optional();
		if (hash.isEmpty() || !hash.get().equals(AccountManagement.sha256(token)) || adminExists()) {
			throw new InvitationNotOpenException(InvitationStatus.UNKNOWN);
		}
		Account admin = newAccount(email, displayName, password, EnumSet.of(Role.ADMIN));
		this.jdbc.sql("update setup_token set used_at = :now where id = 1")
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		audit(AuditAction.FIRST_ADMIN_CREATED, admin.email().value(), admin.email().value(), null, "ADMIN");
		return admin.id();
	}

	/**
	 * Invites someone as staff. A newer invitation to the same address replaces any
	 * pending one. The link works once, for the configured lifetime
	 * ({@code drops.staff.invitation-lifetime}, 7 days by default).
	 * @param actor the admin who invites, or {@code null} for the application itself
	 * @param email the address to invite
	 * @param roles the staff roles the invitation grants
	 * @return the invitation's token, for the link; only its hash is stored
	 * @throws IllegalArgumentException for a malformed address or no staff role
	 */
	@Transactional
	public String invite(Actor actor, String email, Set<Role> roles) {
		EmailAddress address = new EmailAddress(email);
		Set<Role> staffRoles = staffRoles(roles);
		if (staffRoles.isEmpty()) {
			throw new IllegalArgumentException("An invitation grants at least one staff role");
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("delete from staff_invitations where email = :email and accepted_at is null")
			.param("email", address.value())
			.update();
		String token = newToken();
		this.jdbc.sql("""
				insert into staff_invitations (token_hash, email, roles, invited_by, created_at, expires_at)
				values (:hash, :email, :roles, :invitedBy, :now, :expires)
				""")
			.param("hash", AccountManagement.sha256(token))
			.param("email", address.value())
			.param("roles", join(staffRoles))
			.param("invitedBy", (actor != null) ? actor.id().value() : null)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(this.invitationLifetime)))
			.update();
		audit(AuditAction.INVITED, (actor != null) ? actor.email() : null, address.value(),
				(actor != null) ? actor.ip() : null, join(staffRoles));
		return token;
	}

	/**
	 * Withdraws the pending invitation to an address: its link no longer works. An
	 * address without one changes nothing.
	 * @param actor the admin who withdraws it
	 * @param email the invited address
	 * @return whether a pending invitation was withdrawn
	 */
	@Transactional
	public boolean withdrawInvitation(Actor actor, String email) {
		String address;
		try {
			address = new EmailAddress(email).value();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		List<String> roles = this.jdbc
			.sql("delete from staff_invitations where email = :email and accepted_at is null returning roles")
			.param("email", address)
			.query(String.class)
			.list();
		if (roles.isEmpty()) {
			return false;
		}
		audit(AuditAction.INVITATION_WITHDRAWN, actor.email(), address, actor.ip(), roles.getFirst());
		return true;
	}

	/**
	 * Returns how long invitation links work.
	 * @return the lifetime
	 */
	public Duration invitationLifetime() {
		return this.invitationLifetime;
	}

	/**
	 * Looks an invitation link up.
	 * @param token the token from the link, as received (may be anything)
	 * @return the invitation; its status says whether it can be accepted
	 */
	@Transactional(readOnly = true)
	public Invitation findInvitation(String token) {
		return loadInvitation(token, false);
	}

	/**
	 * Accepts an invitation for an address without an account: creates the account with
	 * exactly the invited roles (its address counts as confirmed: the link came by mail).
	 * @param token the token from the link
	 * @param displayName the name shown
	 * @param password the chosen password
	 * @return the new account's address
	 * @throws InvitationNotOpenException when the link does not work (any more)
	 * @throws EmailAlreadyRegisteredException when the address has an account: its owner
	 * signs in first and accepts with {@link #acceptAsAccount}
	 * @throws WeakPasswordException when the password breaks the {@link PasswordPolicy}
	 */
	@Transactional
	public String acceptAsNewAccount(String token, String displayName, String password) {
		Invitation invitation = openInvitation(token);
		Account account = newAccount(invitation.email(), displayName, password, invitation.roles());
		markAccepted(token, account.id());
		audit(AuditAction.INVITATION_ACCEPTED, account.email().value(), account.email().value(), null,
				join(invitation.roles()));
		return account.email().value();
	}

	/**
	 * Accepts an invitation for the signed-in owner of the invited address: grants the
	 * invited roles in addition to those held.
	 * @param token the token from the link
	 * @param accountId the signed-in account
	 * @throws InvitationNotOpenException when the link does not work (any more)
	 * @throws IllegalArgumentException when the account's address is not the invited one
	 */
	@Transactional
	public void acceptAsAccount(String token, AccountId accountId) {
		Invitation invitation = openInvitation(token);
		Account account = this.accounts.findById(accountId.value()).orElseThrow();
		if (!account.email().value().equals(invitation.email())) {
			throw new IllegalArgumentException("The invitation is for another address");
		}
		account.grantRoles(invitation.roles());
		markAccepted(token, account.id());
		audit(AuditAction.INVITATION_ACCEPTED, invitation.email(), invitation.email(), null, join(invitation.roles()));
	}

	/**
	 * Lists every account that holds a staff role, by address.
	 * @return the staff, including deactivated accounts
	 */
	@Transactional(readOnly = true)
	public List<StaffMember> staff() {
		return this.accounts.findHoldingAnyOf(EnumSet.of(Role.MERCHANDISER, Role.OPS, Role.ADMIN))
			.stream()
			.map(StaffManagement::member)
			.toList();
	}

	/**
	 * Lists invitations not accepted yet, newest first, expired ones included.
	 * @return the pending invitations
	 */
	@Transactional(readOnly = true)
	public List<PendingInvitation> pendingInvitations() {
		return this.jdbc
			.sql("select email, roles, created_at, expires_at from staff_invitations where accepted_at is null "
					+ "order by created_at desc")
			.query((rs, row) -> new PendingInvitation(rs.getString("email"), split(rs.getString("roles")),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
			.list();
	}

	/**
	 * Returns one staff member.
	 * @param accountId the account
	 * @return the member, empty for an unknown account
	 */
	@Transactional(readOnly = true)
	public Optional<StaffMember> member(AccountId accountId) {
		return this.accounts.findById(accountId.value()).map(StaffManagement::member);
	}

	/**
	 * Replaces an account's staff roles; {@link Role#FAN} stays as it is.
	 * @param actor the admin who changes them
	 * @param subject the account
	 * @param roles the staff roles to hold from now on
	 * @return the account afterwards
	 * @throws LastAdminException when this would demote the last active admin
	 * @throws IllegalArgumentException when the account would hold no role at all
	 */
	@Transactional
	public StaffMember changeRoles(Actor actor, AccountId subject, Set<Role> roles) {
		long admins = lockActiveAdmins();
		Account account = this.accounts.findById(subject.value()).orElseThrow();
		Set<Role> staffRoles = staffRoles(roles);
		if (isActiveAdmin(account) && !staffRoles.contains(Role.ADMIN) && admins <= 1) {
			throw new LastAdminException();
		}
		String before = join(account.roles());
		account.replaceStaffRoles(staffRoles);
		audit(AuditAction.ROLES_CHANGED, actor.email(), account.email().value(), actor.ip(),
				before + " → " + join(account.roles()));
		return member(account);
	}

	/**
	 * Deactivates an account: it can no longer sign in. Ending its open sessions is the
	 * web layer's part.
	 * @param actor the admin who deactivates it
	 * @param subject the account
	 * @return the account afterwards
	 * @throws LastAdminException when this is the last active admin
	 */
	@Transactional
	public StaffMember deactivate(Actor actor, AccountId subject) {
		long admins = lockActiveAdmins();
		Account account = this.accounts.findById(subject.value()).orElseThrow();
		if (isActiveAdmin(account) && admins <= 1) {
			throw new LastAdminException();
		}
		account.deactivate();
		audit(AuditAction.DEACTIVATED, actor.email(), account.email().value(), actor.ip(), null);
		return member(account);
	}

	/**
	 * Lets a deactivated account sign in again.
	 * @param actor the admin who reactivates it
	 * @param subject the account
	 * @return the account afterwards
	 */
	@Transactional
	public StaffMember reactivate(Actor actor, AccountId subject) {
		Account account = this.accounts.findById(subject.value()).orElseThrow();
		account.reactivate();
		audit(AuditAction.REACTIVATED, actor.email(), account.email().value(), actor.ip(), null);
		return member(account);
	}

	/**
	 * Records a password sign-in attempt, and on success the account's last sign-in.
	 * @param email the address as typed (cut to 254 characters)
	 * @param ip the client's address
	 * @param success whether it succeeded
	 * @param detail why it failed, or {@code null}
	 */
	@Transactional
	public void recordSignIn(String email, String ip, boolean success, String detail) {
		String who = (email == null) ? "" : email.strip();
		who = who.substring(0, Math.min(who.length(), EmailAddress.MAX_LENGTH));
		if (success) {
			// Plain SQL, so a sign-in never collides with an admin's edit of the account.
			this.jdbc.sql("update accounts set last_signed_in_at = :now where email = :email")
				.param("now", Timestamp.from(this.clock.instant()))
				.param("email", who.toLowerCase(java.util.Locale.ROOT))
				.update();
		}
		audit(success ? AuditAction.SIGNED_IN : AuditAction.SIGN_IN_FAILED, who, who, ip, detail);
	}

	/**
	 * Returns the newest audit entries.
	 * @param limit how many at most
	 * @return the entries, newest first
	 */
	@Transactional(readOnly = true)
	public List<AuditEntry> audit(int limit) {
		return this.jdbc
			.sql("select at, action, actor, subject, ip, detail from account_audit order by id desc limit :n")
			.param("n", limit)
			.query((rs, row) -> new AuditEntry(rs.getTimestamp("at").toInstant(),
					AuditAction.valueOf(rs.getString("action")), rs.getString("actor"), rs.getString("subject"),
					rs.getString("ip"), rs.getString("detail")))
			.list();
	}

	private Account newAccount(String email, String displayName, String password, Set<Role> roles) {
		EmailAddress address = new EmailAddress(email);
		PasswordPolicy.problemWith(password, address.value()).ifPresent(problem -> {
			throw new WeakPasswordException(problem);
		});
		if (this.accounts.existsByEmail(address.value())) {
			throw new EmailAlreadyRegisteredException(address);
		}
		Instant now = this.clock.instant();
		Account account = new Account(address, displayName, this.passwordEncoder.encode(password), roles, now);
		account.confirmEmail(now);
		return this.accounts.saveAndFlush(account);
	}

	private Invitation openInvitation(String token) {
		Invitation invitation = loadInvitation(token, true);
		if (invitation.status() != InvitationStatus.OPEN) {
			throw new InvitationNotOpenException(invitation.status());
		}
		return invitation;
	}

	private Invitation loadInvitation(String token, boolean forUpdate) {
		if (!plausible(token)) {
			return Invitation.unknown();
		}
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("select email, roles, expires_at, accepted_at from staff_invitations where token_hash = :hash"
					+ (forUpdate ? " for update" : ""))
			.param("hash", AccountManagement.sha256(token))
			.query((rs, row) -> {
				Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
				InvitationStatus status = (rs.getTimestamp("accepted_at") != null) ? InvitationStatus.ACCEPTED
						: now.isBefore(expiresAt) ? InvitationStatus.OPEN : InvitationStatus.EXPIRED;
				String email = rs.getString("email");
				return new Invitation(email, split(rs.getString("roles")), expiresAt, status,
						this.accounts.existsByEmail(email));
			})
			.optional()
			.orElseGet(Invitation::unknown);
	}

	private void markAccepted(String token, AccountId account) {
		this.jdbc.sql("update staff_invitations set accepted_at = :now, account_id = :account where token_hash = :hash")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("account", account.value())
			.param("hash", AccountManagement.sha256(token))
			.update();
	}

	// Locks the active admins' rows in a fixed order, then counts them in a new
	// statement,
	// which under READ COMMITTED sees whatever a transaction we waited for committed.
	private long lockActiveAdmins() {
		this.jdbc
			.sql("""
					select a.id from accounts a
					where a.enabled and exists (select 1 from account_roles r where r.account_id = a.id and r.role = 'ADMIN')
					order by a.id for update
					""")
			.query(UUID.class)
			.list();
		return activeAdminCount();
	}

	private long activeAdminCount() {
		return this.jdbc
			.sql("""
					select count(*) from accounts a
					where a.enabled and exists (select 1 from account_roles r where r.account_id = a.id and r.role = 'ADMIN')
					""")
			.query(Long.class)
			.single();
	}

	private static boolean isActiveAdmin(Account account) {
		return account.isEnabled() && account.roles().contains(Role.ADMIN);
	}

	private void audit(AuditAction action, String actor, String subject, String ip, String detail) {
		this.jdbc.sql("""
				insert into account_audit (at, action, actor, subject, ip, detail)
				values (:at, :action, :actor, :subject, :ip, :detail)
				""")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("action", action.name())
			.param("actor", actor)
			.param("subject", subject)
			.param("ip", (ip != null && ip.length() > 64) ? ip.substring(0, 64) : ip)
			.param("detail", (detail != null && detail.length() > 500) ? detail.substring(0, 500) : detail)
			.update();
	}

	private static StaffMember member(Account account) {
		return new StaffMember(account.id(), account.email().value(), account.displayName(),
				EnumSet.copyOf(account.roles()), account.isEnabled(), account.lastSignedInAt());
	}

	private static Set<Role> staffRoles(Set<Role> roles) {
		EnumSet<Role> staff = EnumSet.noneOf(Role.class);
		roles.stream().filter(Role::isStaff).forEach(staff::add);
		return staff;
	}

	private static String join(Set<Role> roles) {
		return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
	}

	private static Set<Role> split(String roles) {
		EnumSet<Role> set = EnumSet.noneOf(Role.class);
		Arrays.stream(roles.split(",")).filter(name -> !name.isBlank()).map(Role::valueOf).forEach(set::add);
		return set;
	}

	private static boolean plausible(String token) {
		return token != null && !token.isBlank() && token.length() <= 100;
	}

	private static String newToken() {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/**
	 * The admin behind a change, for the audit log.
	 *
	 * @param id the admin's account
	 * @param email the admin's address
	 * @param ip the client's address
	 */
	public record Actor(AccountId id, String email, String ip) {
	}

	/**
	 * An account with a staff role.
	 *
	 * @param id the account
	 * @param email the address
	 * @param displayName the name shown
	 * @param roles every role held, {@link Role#FAN} included
	 * @param enabled whether it may sign in
	 * @param lastSignedInAt the last password sign-in, or {@code null}
	 */
	public record StaffMember(AccountId id, String email, String displayName, Set<Role> roles, boolean enabled,
			Instant lastSignedInAt) {
	}

	/**
	 * What an invitation link stands for.
	 *
	 * @param email the invited address, {@code null} when unknown
	 * @param roles the roles it grants
	 * @param expiresAt when it stops working, {@code null} when unknown
	 * @param status whether it can be accepted
	 * @param accountExists whether the address has an account already
	 */
	public record Invitation(String email, Set<Role> roles, Instant expiresAt, InvitationStatus status,
			boolean accountExists) {

		static Invitation unknown() {
			return new Invitation(null, Set.of(), null, InvitationStatus.UNKNOWN, false);
		}

	}

	/**
	 * An invitation not accepted yet.
	 *
	 * @param email the invited address
	 * @param roles the roles it grants
	 * @param createdAt when it was sent
	 * @param expiresAt when it stops working
	 */
	public record PendingInvitation(String email, Set<Role> roles, Instant createdAt, Instant expiresAt) {
	}

	/**
	 * One entry of the account audit log.
	 *
	 * @param at when
	 * @param action what happened
	 * @param actor who did it (the address typed, for sign-ins), may be {@code null}
	 * @param subject whose account, may be {@code null}
	 * @param ip the client's address, may be {@code null}
	 * @param detail roles before and after, or why a sign-in failed
	 */
	public record AuditEntry(Instant at, AuditAction action, String actor, String subject, String ip, String detail) {
	}

}
