package io.microdrops.account;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import io.microdrops.account.TwoFactorManagement.Enrolment;
import io.microdrops.account.TwoFactorManagement.SecondFactorOutcome;
import io.microdrops.account.TwoFactorManagement.SecondStep;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TOTP two-factor sign-in with a fixed clock: codes are computed from the secret for the
 * clock's 30-second step, as an authenticator app would.
 */
@SpringBootTest
@Import(AccountClock.class)
class TwoFactorManagementIntegrationTests {

	static final String PASSWORD = "staff member password";

	static final StaffManagement.Actor ADMIN = new StaffManagement.Actor(AccountId.random(), "admin@example.com",
			"127.0.0.1");

	@Autowired
	TwoFactorManagement twoFactor;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@BeforeEach
	void resetClock() {
		this.clock.set(AccountClock.START);
	}

	@AfterEach
	void optionalAgain() {
		this.twoFactor.requireForStaff(ADMIN, false);
	}

	@Test
	void enrolsWithACodeFromTheSecretAndThenAsksForACodeAtSignIn() {
		AccountId staff = account(Role.OPS);
		assertThat(this.twoFactor.secondStepFor(staff)).isEqualTo(SecondStep.NONE);

		Enrolment enrolment = this.twoFactor.startEnrolment(staff);

		assertThat(enrolment.secret()).matches("[A-Z2-7]{32}");
		URI uri = URI.create(enrolment.otpauthUri());
		assertThat(uri.getScheme()).isEqualTo("otpauth");
		assertThat(enrolment.otpauthUri()).contains("secret=" + enrolment.secret()).contains("issuer=Drops");
		assertThat(this.twoFactor.startEnrolment(staff).secret()).as("a reload keeps the secret")
			.isEqualTo(enrolment.secret());
		String wrong = codeNow(enrolment.secret()).equals("000000") ? "111111" : "000000";
		assertThat(this.twoFactor.completeEnrolment(staff, wrong)).isEmpty();
		assertThat(this.twoFactor.isEnabled(staff)).isFalse();

		List<String> recoveryCodes = this.twoFactor.completeEnrolment(staff, codeNow(enrolment.secret())).orElseThrow();

		assertThat(recoveryCodes).hasSize(TwoFactorManagement.RECOVERY_CODES).doesNotHaveDuplicates();
		assertThat(this.twoFactor.isEnabled(staff)).isTrue();
		assertThat(this.twoFactor.secondStepFor(staff)).isEqualTo(SecondStep.CODE);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.twoFactor.verify(staff, codeNow(enrolment.secret()), null))
			.isEqualTo(SecondFactorOutcome.CODE_ACCEPTED);
	}

	@Test
	void acceptsTheNeighbouringStepsButNeitherAnOlderCodeNorOneCodeTwice() {
		AccountId staff = account(Role.MERCHANDISER);
		String secret = enrol(staff);
		this.clock.advance(Duration.ofMinutes(5));

		String previousStep = codeAt(secret, AccountClock.START.plus(Duration.ofMinutes(5)).minusSeconds(30));
		String twoStepsAgo = codeAt(secret, AccountClock.START.plus(Duration.ofMinutes(5)).minusSeconds(60));
		assertThat(this.twoFactor.verify(staff, twoStepsAgo, null)).isEqualTo(SecondFactorOutcome.REFUSED);
		assertThat(this.twoFactor.verify(staff, previousStep, null)).isEqualTo(SecondFactorOutcome.CODE_ACCEPTED);
		assertThat(this.twoFactor.verify(staff, previousStep, null)).as("replayed")
			.isEqualTo(SecondFactorOutcome.REFUSED);
		String now = codeNow(secret);
		assertThat(this.twoFactor.verify(staff, now.substring(0, 3) + " " + now.substring(3), null))
			.isEqualTo(SecondFactorOutcome.CODE_ACCEPTED);
		assertThat(this.twoFactor.verify(staff, now, null)).as("replayed").isEqualTo(SecondFactorOutcome.REFUSED);
		assertThat(this.twoFactor.verify(staff, "12345", null)).isEqualTo(SecondFactorOutcome.REFUSED);
		assertThat(this.twoFactor.verify(staff, "not a code", null)).isEqualTo(SecondFactorOutcome.REFUSED);
	}

	@Test
	void aRecoveryCodeWorksOnceAndIsStoredOnlyAsItsHash() {
		AccountId staff = account(Role.ADMIN);
		List<String> codes = this.twoFactor
			.completeEnrolment(staff, codeNow(this.twoFactor.startEnrolment(staff).secret()))
			.orElseThrow();
		String code = codes.get(3);

		assertThat(this.jdbc.queryForList("select code_hash from recovery_codes where account_id = ?", String.class,
				staff.value()))
			.hasSize(10)
			.doesNotContain(code)
			.allMatch(hash -> hash.matches("[0-9a-f]{64}"));
		assertThat(this.twoFactor.verify(staff, code.toUpperCase(), null))
			.isEqualTo(SecondFactorOutcome.RECOVERY_CODE_ACCEPTED);
		assertThat(this.twoFactor.verify(staff, code, null)).isEqualTo(SecondFactorOutcome.REFUSED);
		assertThat(this.twoFactor.recoveryCodesLeft(staff)).isEqualTo(9);
		assertThat(this.twoFactor.verify(staff, code.replace("-", ""), null)).isEqualTo(SecondFactorOutcome.REFUSED);
		assertThat(this.twoFactor.verify(staff, codes.get(4).replace("-", ""), null))
			.isEqualTo(SecondFactorOutcome.RECOVERY_CODE_ACCEPTED);

		List<String> renewed = this.twoFactor.renewRecoveryCodes(staff, PASSWORD);
		assertThat(this.twoFactor.recoveryCodesLeft(staff)).isEqualTo(10);
		assertThat(this.twoFactor.verify(staff, codes.get(5), null)).as("old codes are void")
			.isEqualTo(SecondFactorOutcome.REFUSED);
		assertThat(this.twoFactor.verify(staff, renewed.get(0), null))
			.isEqualTo(SecondFactorOutcome.RECOVERY_CODE_ACCEPTED);
	}

	@Test
	void whenRequiredStaffWithoutItMustEnrolAndCannotTurnItOffButFansAreNotAsked() {
		AccountId ops = account(Role.OPS);
		AccountId enrolled = account(Role.MERCHANDISER);
		enrol(enrolled);
		AccountId fan = account(Role.FAN);

		this.twoFactor.requireForStaff(ADMIN, true);

		assertThat(this.twoFactor.requiredForStaff()).isTrue();
		assertThat(this.twoFactor.secondStepFor(ops)).isEqualTo(SecondStep.ENROL);
		assertThat(this.twoFactor.secondStepFor(enrolled)).isEqualTo(SecondStep.CODE);
		assertThat(this.twoFactor.secondStepFor(fan)).isEqualTo(SecondStep.NONE);
		assertThatExceptionOfType(TwoFactorRequiredException.class)
			.isThrownBy(() -> this.twoFactor.disable(enrolled, PASSWORD));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.twoFactor.startEnrolment(fan));

		this.twoFactor.requireForStaff(ADMIN, false);
		assertThat(this.twoFactor.secondStepFor(ops)).isEqualTo(SecondStep.NONE);
		assertThatExceptionOfType(WrongPasswordException.class)
			.isThrownBy(() -> this.twoFactor.disable(enrolled, "not the password"));
		this.twoFactor.disable(enrolled, PASSWORD);
		assertThat(this.twoFactor.secondStepFor(enrolled)).isEqualTo(SecondStep.NONE);
		assertThat(this.twoFactor.recoveryCodesLeft(enrolled)).isZero();
	}

	private String enrol(AccountId account) {
		String secret = this.twoFactor.startEnrolment(account).secret();
		this.twoFactor.completeEnrolment(account, codeNow(secret)).orElseThrow();
		return secret;
	}

	private String codeNow(String secret) {
		return codeAt(secret, this.clock.instant());
	}

	// What an authenticator app shows at that moment.
	static String codeAt(String secret, java.time.Instant at) {
		try {
			return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret,
					Math.floorDiv(at.getEpochSecond(), 30));
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private AccountId account(Role role) {
		String email = CredentialManagementIntegrationTests.unique(role.name().toLowerCase());
		this.accounts.createIfAbsent(email, role.name(), PASSWORD, Set.of(role));
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

}
