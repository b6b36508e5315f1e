package io.microdrops.account;

import java.util.List;
import java.util.UUID;

import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
class AccountManagementIntegrationTests {

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Test
	void signsUpAFanWithAHashedPasswordAndTheFanRole() {
		String email = unique("new");
		this.accounts.signUpFan(new AccountManagement.SignUp(email, "New Fan", "green keycaps forever"));

		AccountManagement.Credentials credentials = this.accounts.findCredentials(email.toUpperCase()).orElseThrow();
		assertThat(credentials.roles()).containsExactly(Role.FAN);
		assertThat(credentials.passwordHash()).startsWith("{bcrypt}").doesNotContain("green keycaps forever");
		assertThat(this.passwordEncoder.matches("green keycaps forever", credentials.passwordHash())).isTrue();
	}

	@Test
	void rejectsASecondAccountForTheSameAddressInAnotherCase() {
		String email = unique("twice");
		this.accounts.signUpFan(new AccountManagement.SignUp(email, "First", "first long password"));

		assertThatExceptionOfType(EmailAlreadyRegisteredException.class).isThrownBy(() -> this.accounts
			.signUpFan(new AccountManagement.SignUp(email.toUpperCase(), "Second", "second long password")));
	}

	@Test
	void rejectsAWeakPasswordAndStoresNothing() {
		String email = unique("weak");
		assertThatExceptionOfType(WeakPasswordException.class)
			.isThrownBy(() -> this.accounts.signUpFan(new AccountManagement.SignUp(email, "Weak", "password123")))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("password.too-common"));
		assertThat(this.jdbc.queryForObject("select count(*) from accounts where email = ?", Long.class, email))
			.isZero();
	}

	@Test
	void createsOneAccountWhenManySignUpsForOneAddressRace() throws Exception {
		String email = unique("race");
		List<Boolean> outcomes = Concurrently.run(16, attempt -> {
			try {
				this.accounts.signUpFan(new AccountManagement.SignUp(email, "Racer", "racing stripes forever"));
				return true;
			}
			catch (EmailAlreadyRegisteredException ex) {
				return false;
			}
		});
		long succeeded = outcomes.stream().filter(Boolean::booleanValue).count();

		assertThat(succeeded).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from accounts where email = ?", Long.class, email))
			.isEqualTo(1);
	}

	@Test
	void createIfAbsentChangesNothingTheSecondTime() {
		String email = unique("demo");
		assertThat(this.accounts.createIfAbsent(email, "Demo", "demo password long", java.util.Set.of(Role.OPS)))
			.isTrue();
		assertThat(this.accounts.createIfAbsent(email, "Demo again", "another password", java.util.Set.of(Role.ADMIN)))
			.isFalse();
		assertThat(this.accounts.findCredentials(email).orElseThrow().roles()).containsExactly(Role.OPS);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@example.com";
	}

}
