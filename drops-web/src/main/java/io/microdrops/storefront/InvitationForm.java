package io.microdrops.storefront;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What an invited person without an account types: their name and password.
 *
 * @param displayName the name shown
 * @param password the chosen password (the account module's policy applies)
 */
record InvitationForm(
		@NotBlank(message = "{signup.display-name.required}") @Size(max = 100,
				message = "{signup.display-name.too-long}") String displayName,
		@NotBlank(message = "{password.too-short}") String password) {

	static InvitationForm empty() {
		return new InvitationForm("", "");
	}

}
