package io.microdrops.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.secret.SecretGenerator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in for staff with time-based one-time codes (TOTP, RFC 6238: SHA-1, six
 * digits, 30 seconds, as every authenticator app reads them). Enrolment shows a fresh
 * secret as a QR code and counts once the person typed a code their app made from it;
 * they then get ten recovery codes, shown once and kept only as SHA-256, each working
 * once. A code is accepted for the current 30-second step and one either side (clocks
 * drift), and never twice: the last step used is remembered. Admins can require
 * two-factor sign-in for every staff account; staff without it then enrol at their next
 * sign-in.
 */
@Service
public class TwoFactorManagement {

	/** How many recovery codes an account gets. */
	public static final int RECOVERY_CODES = 10;

	/** The name authenticator apps show next to the account. */
	static final String ISSUER = "Drops";

	private static final int PERIOD_SECONDS = 30;

	private static final int DIGITS = 6;

	private static final SecretGenerator SECRETS = new DefaultSecretGenerator();

	private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final Clock clock;

	TwoFactorManagement(Accounts accounts, JdbcClient jdbc, PasswordEncoder passwordEncoder, AuditLog audit,
			Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Tells what a sign-in of this account needs after the password.
	 * @param accountId the account
	 * @return {@link SecondStep#CODE} when two-factor sign-in is on,
	 * {@link SecondStep#ENROL} for staff without it while the shop requires it, else
	 * {@link SecondStep#NONE}
	 */
	@Transactional(readOnly = true)
	public SecondStep secondStepFor(AccountId accountId) {
		return state(accountId).map(state -> {
			if (state.secret() != null) {
				return SecondStep.CODE;
			}
			return (state.staff() && requiredForStaff()) ? SecondStep.ENROL : SecondStep.NONE;
		}).orElse(SecondStep.NONE);
	}

	/**
	 * Tells whether an account signs in with a code.
	 * @param accountId the account
	 * @return {@code true} once enrolment is complete
	 */
	@Transactional(readOnly = true)
	public boolean isEnabled(AccountId accountId) {
		return state(accountId).map(state -> state.secret() != null).orElse(false);
	}

	/**
	 * Starts (or continues) enrolment: a secret the authenticator app is to learn. The
	 * secret stays the same until enrolment completes, so reloading the page keeps the QR
	 * code valid.
	 * @param accountId a staff account without two-factor sign-in
	 * @return the secret and the {@code otpauth://} address the QR code carries
	 * @throws IllegalStateException when the account holds no staff role or is enrolled
	 * already
	 */
	@Transactional
	public Enrolment startEnrolment(AccountId accountId) {
		Account account = this.accounts.findById(accountId.value()).orElseThrow();
		TwoFactorState state = state(accountId).orElseThrow();
		if (!state.staff()) {
			throw new IllegalStateException("Two-factor sign-in is for staff accounts");
		}
		if (state.secret() != null) {
			throw new IllegalStateException("Two-factor sign-in is on already");
		}
		String secret = state.pendingSecret();
		if (secret == null) {
			secret = SECRETS.generate();
			this.jdbc.sql("update accounts set totp_pending_secret = :secret where id = :id")
				.param("secret", secret)
				.param("id", accountId.value())
				.update();
		}
		return enrolment(account.email().value(), secret);
	}

	/**
	 * Completes enrolment with a code the authenticator app shows.
	 * @param accountId the account that started enrolment
	 * @param code the six digits typed
	 * @return the recovery codes (shown once, then only their hashes exist), empty when
	 * the code is wrong or no enrolment was started
	 */
	@Transactional
	public Optional<List<String>> completeEnrolment(AccountId accountId, String code) {
		Optional<TwoFactorState> found = lockedState(accountId);
		if (found.isEmpty() || found.get().pendingSecret() == null || found.get().secret() != null) {
			return Optional.empty();
		}
		TwoFactorState state = found.get();
		Optional<Long> step = matchingStep(state.pendingSecret(), code, Long.MIN_VALUE);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		this.jdbc.sql("""
				update accounts set totp_secret = totp_pending_secret, totp_pending_secret = null,
				    totp_enabled_at = :now, totp_last_step = :step
				where id = :id
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("step", step.get())
			.param("id", accountId.value())
			.update();
		List<String> recoveryCodes = replaceRecoveryCodes(accountId);
		this.audit.record(AuditAction.TWO_FACTOR_ENABLED, state.email(), state.email(), null, null);
		return Optional.of(recoveryCodes);
	}

	/**
	 * Checks the second step of a sign-in: a code from the app, or one of the recovery
	 * codes (which is then used up).
	 * @param accountId the account whose password was right
	 * @param code what was typed
	 * @param ip the client's address, for the audit log
	 * @return how the code was accepted, or {@link SecondFactorOutcome#REFUSED}
	 */
	@Transactional
	public SecondFactorOutcome verify(AccountId accountId, String code, String ip) {
		Optional<TwoFactorState> found = lockedState(accountId);
		if (found.isEmpty() || found.get().secret() == null || code == null) {
			return SecondFactorOutcome.REFUSED;
		}
		TwoFactorState state = found.get();
		SecondFactorOutcome outcome = SecondFactorOutcome.REFUSED;
		Optional<Long> step = matchingStep(state.secret(), code, state.lastStep());
		if (step.isPresent()) {
			this.jdbc.sql("update accounts set totp_last_step = :step where id = :id")
				.param("step", step.get())
				.param("id", accountId.value())
				.update();
			outcome = SecondFactorOutcome.CODE_ACCEPTED;
		}
		else if (useRecoveryCode(accountId, code)) {
			outcome = SecondFactorOutcome.RECOVERY_CODE_ACCEPTED;
		}
		this.audit.record(
				(outcome == SecondFactorOutcome.REFUSED) ? AuditAction.SECOND_FACTOR_FAILED
						: AuditAction.SECOND_FACTOR_PASSED,
				state.email(), state.email(), ip,
				(outcome == SecondFactorOutcome.RECOVERY_CODE_ACCEPTED) ? "recovery code" : null);
		return outcome;
	}

	/**
	 * Counts the recovery codes not used yet.
	 * @param accountId the account
	 * @return how many are left
	 */
	@Transactional(readOnly = true)
	public int recoveryCodesLeft(AccountId accountId) {
		return this.jdbc.sql("select count(*) from recovery_codes where account_id = :id and used_at is null")
			.param("id", accountId.value())
			.query(Integer.class)
			.single();
	}

	/**
	 * Replaces the recovery codes with ten new ones; needs the current password.
	 * @param accountId an account with two-factor sign-in
	 * @param currentPassword the password now
	 * @return the new codes, shown once
	 * @throws WrongPasswordException when the password does not match
	 * @throws IllegalStateException when two-factor sign-in is off
	 */
	@Transactional
	public List<String> renewRecoveryCodes(AccountId accountId, String currentPassword) {
		Account account = this.accounts.findById(accountId.value()).orElseThrow();
		requireCurrentPassword(account, currentPassword);
		if (!isEnabled(accountId)) {
			throw new IllegalStateException("Two-factor sign-in is off");
		}
		return replaceRecoveryCodes(accountId);
	}

	/**
	 * Turns two-factor sign-in off; needs the current password. Refused for staff while
	 * the shop requires it.
	 * @param accountId the account
	 * @param currentPassword the password now
	 * @throws WrongPasswordException when the password does not match
	 * @throws TwoFactorRequiredException when the shop requires it for staff
	 */
	@Transactional
	public void disable(AccountId accountId, String currentPassword) {
		Account account = this.accounts.findById(accountId.value()).orElseThrow();
		requireCurrentPassword(account, currentPassword);
		if (account.roles().stream().anyMatch(Role::isStaff) && requiredForStaff()) {
			throw new TwoFactorRequiredException();
		}
		this.jdbc.sql("""
				update accounts set totp_secret = null, totp_pending_secret = null, totp_enabled_at = null,
				    totp_last_step = null
				where id = :id
				""").param("id", accountId.value()).update();
		this.jdbc.sql("delete from recovery_codes where account_id = :id").param("id", accountId.value()).update();
		this.audit.record(AuditAction.TWO_FACTOR_DISABLED, account.email().value(), account.email().value(), null,
				null);
	}

	/**
	 * Tells whether every staff account must sign in with a code.
	 * @return the shop's setting
	 */
	@Transactional(readOnly = true)
	public boolean requiredForStaff() {
		return this.jdbc.sql("select staff_two_factor_required from account_settings where id = 1")
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Sets whether every staff account must sign in with a code. Staff without it enrol
	 * at their next sign-in.
	 * @param actor the admin who decides
	 * @param required the new setting
	 */
	@Transactional
	public void requireForStaff(StaffManagement.Actor actor, boolean required) {
		this.jdbc.sql("update account_settings set staff_two_factor_required = :required where id = 1")
			.param("required", required)
			.update();
		this.audit.record(AuditAction.TWO_FACTOR_POLICY_CHANGED, actor.email(), null, actor.ip(),
				required ? "required for staff" : "optional");
	}

	/**
	 * Lists the accounts that sign in with a code.
	 * @return their ids
	 */
	@Transactional(readOnly = true)
	public Set<AccountId> enrolledAccounts() {
		return new HashSet<>(this.jdbc.sql("select id from accounts where totp_secret is not null")
			.query((rs, row) -> new AccountId(rs.getObject("id", UUID.class)))
			.list());
	}

	private Enrolment enrolment(String email, String secret) {
		QrData data = new QrData.Builder().label(email)
			.secret(secret)
			.issuer(ISSUER)
			.algorithm(HashingAlgorithm.SHA1)
			.digits(DIGITS)
			.period(PERIOD_SECONDS)
			.build();
		return new Enrolment(secret, data.getUri());
	}

	// The step (30-second window since the epoch) whose code matches, newer than the last
	// one used; the current step and one either side are tried.
	private Optional<Long> matchingStep(String secret, String code, long lastStep) {
		String digits = (code == null) ? "" : code.replaceAll("\\s", "");
		if (!digits.matches("\\d{" + DIGITS + "}")) {
			return Optional.empty();
		}
		long now = Math.floorDiv(this.clock.instant().getEpochSecond(), PERIOD_SECONDS);
		for (long step = now - 1; step <= now + 1; step++) {
			if (step > lastStep && MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
					digits.getBytes(StandardCharsets.US_ASCII))) {
				return Optional.of(step);
			}
		}
		return Optional.empty();
	}

	private String codeAt(String secret, long step) {
		try {
			return this.codes.generate(secret, step);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException("Could not compute a TOTP code", ex);
		}
	}

	private List<String> replaceRecoveryCodes(AccountId accountId) {
		this.jdbc.sql("delete from recovery_codes where account_id = :id").param("id", accountId.value()).update();
		List<String> fresh = Arrays.asList(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
		for (String code : fresh) {
			this.jdbc.sql("insert into recovery_codes (account_id, code_hash) values (:id, :hash)")
				.param("id", accountId.value())
				.param("hash", AccountManagement.sha256(normalised(code)))
				.update();
		}
		return List.copyOf(fresh);
	}

	private boolean useRecoveryCode(AccountId accountId, String code) {
		String normalised = normalised(code);
		if (normalised.length() < 8 || normalised.length() > 40) {
			return false;
		}
		return this.jdbc.sql("""
				update recovery_codes set used_at = :now
				where account_id = :id and code_hash = :hash and used_at is null
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", accountId.value())
			.param("hash", AccountManagement.sha256(normalised))
			.update() == 1;
	}

	// People copy codes with or without the dashes, in either case.
	private static String normalised(String code) {
		return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
	}

	private void requireCurrentPassword(Account account, String currentPassword) {
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, account.passwordHash())) {
			throw new WrongPasswordException();
		}
	}

	private Optional<TwoFactorState> state(AccountId accountId) {
		return query(accountId, false);
	}

	// Locked, so two sign-ins with one code at the same moment cannot both pass.
	private Optional<TwoFactorState> lockedState(AccountId accountId) {
		return query(accountId, true);
	}

	private Optional<TwoFactorState> query(AccountId accountId, boolean forUpdate) {
		return this.jdbc.sql("""
				select a.email, a.totp_secret, a.totp_pending_secret, a.totp_last_step,
				    exists (select 1 from account_roles r where r.account_id = a.id and r.role in (:staff)) as staff
				from accounts a where a.id = :id
				""" + (forUpdate ? " for update of a" : ""))
			.param("id", accountId.value())
			.param("staff", EnumSet.of(Role.MERCHANDISER, Role.OPS, Role.ADMIN).stream().map(Role::name).toList())
			.query((rs, row) -> {
				long lastStep = rs.getLong("totp_last_step");
				if (rs.wasNull()) {
					lastStep = Long.MIN_VALUE;
				}
				return new TwoFactorState(rs.getString("email"), rs.getString("totp_secret"),
						rs.getString("totp_pending_secret"), lastStep, rs.getBoolean("staff"));
			})
			.optional();
	}

	private record TwoFactorState(String email, String secret, String pendingSecret, long lastStep, boolean staff) {
	}

	/**
	 * What the sign-in of an account needs after the password.
	 */
	public enum SecondStep {

		/** Nothing: signed in. */
		NONE,

		/** A code from the authenticator app (or a recovery code). */
		CODE,

		/** Setting up two-factor sign-in first, as the shop requires it for staff. */
		ENROL

	}

	/**
	 * How a second step went.
	 */
	public enum SecondFactorOutcome {

		/** A code from the app was right. */
		CODE_ACCEPTED,

		/** A recovery code was right and is now used up. */
		RECOVERY_CODE_ACCEPTED,

		/** Wrong, reused or malformed. */
		REFUSED;

		/**
		 * Tells whether the sign-in may go on.
		 * @return {@code true} unless refused
		 */
		public boolean accepted() {
			return this != REFUSED;
		}

	}

	/**
	 * A secret for an authenticator app to learn.
	 *
	 * @param secret the Base32 secret, for typing it in by hand
	 * @param otpauthUri the {@code otpauth://totp/…} address a QR code carries
	 */
	public record Enrolment(String secret, String otpauthUri) {
	}

}
