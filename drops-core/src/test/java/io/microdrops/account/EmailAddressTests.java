package io.microdrops.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmailAddressTests {

	@Test
	void keepsAddressesInOneCanonicalForm() {
		assertThat(new EmailAddress("  Fan@Example.COM ").value()).isEqualTo("fan@example.com");
	}

	@Test
	void refusesTextThatIsNotAnAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddress("fan-at-example.com"));
		assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddress("fan@localhost"));
		assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddress("a b@example.com"));
		assertThat(EmailAddress.isValid(null)).isFalse();
	}

	@Test
	void refusesAddressesLongerThanSmtpAllows() {
		assertThat(EmailAddress.isValid("a".repeat(60) + "@" + "b".repeat(200) + ".com")).isFalse();
	}

}
