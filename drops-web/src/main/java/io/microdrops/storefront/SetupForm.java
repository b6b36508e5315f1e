package io.microdrops.storefront;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The first admin's details as typed on the one-time setup page.
 *
 * @param token the setup token from the link
 * @param email the admin's address
 * @param displayName the name shown
 * @param password the chosen password (the account module's policy applies)
 */
record SetupForm(String token,
		@NotBlank(message = "{signup.email.required}") @Email(message = "{signup.email.invalid}") @Size(max = 254,
				message = "{signup.email.too-long}") String email,
		@NotBlank(message = "{signup.display-name.required}") @Size(max = 100,
				message = "{signup.display-name.too-long}") String displayName,
		@NotBlank(message = "{password.too-short}") String password) {

	static SetupForm withToken(String token) {
		return new SetupForm(token, "", "", "");
	}

}
