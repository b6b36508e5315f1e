package io.microdrops.storefront;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The sign-up form as typed. The password's strength is checked by the account module's
 * policy, so the rule lives in one place.
 *
 * @param email the e-mail address to sign in with
 * @param displayName the name shown to others
 * @param password the chosen password
 * @param marketingConsent whether the fan ticked "tell me about drops of my communities";
 * unticked (absent) means no
 */
record SignUpForm(
		@NotBlank(message = "{signup.email.required}") @Email(message = "{signup.email.invalid}") @Size(max = 254,
				message = "{signup.email.too-long}") String email,
		@NotBlank(message = "{signup.display-name.required}") @Size(max = 100,
				message = "{signup.display-name.too-long}") String displayName,
		@NotBlank(message = "{password.too-short}") String password, Boolean marketingConsent) {

	static SignUpForm empty() {
		return new SignUpForm("", "", "", false);
	}

	public boolean consents() {
		return Boolean.TRUE.equals(this.marketingConsent);
	}

}
