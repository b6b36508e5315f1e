package io.microdrops.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	@Test
	void acceptsALongUnremarkablePassphrase() {
		assertThat(PasswordPolicy.problemWith("brass keycaps at dusk", "fan@example.com")).isEmpty();
	}

	@Test
	void refusesAPasswordShorterThanTenCharacters() {
		assertThat(PasswordPolicy.problemWith("short1!", "fan@example.com")).contains("password.too-short");
	}

	@Test
	void countsCharactersNotBytesForTheMinimumLength() {
		assertThat(PasswordPolicy.problemWith("ééééééééé", null)).contains("password.too-short");
	}

	@Test
	void refusesAPasswordLongerThanBcryptReads() {
		assertThat(PasswordPolicy.problemWith("x".repeat(40) + "y".repeat(40), null)).contains("password.too-long");
	}

	@Test
	void refusesCommonPasswordsWhateverTheirCase() {
		assertThat(PasswordPolicy.problemWith("Password123", null)).contains("password.too-common");
		assertThat(PasswordPolicy.problemWith("aaaaaaaaaaaa", null)).contains("password.too-common");
	}

	@Test
	void refusesAPasswordContainingTheEmailAddress() {
		assertThat(PasswordPolicy.problemWith("hello-collector99", "collector99@example.com"))
			.contains("password.contains-email");
	}

}
