package io.microdrops.storefront.security;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The forms of the account security pages, as typed. Password strength is checked by the
 * account module's policy, so the rule lives in one place.
 */
final class AccountForms {

	private AccountForms() {
	}

	/**
	 * Asking for a reset link.
	 *
	 * @param email the address typed
	 */
	record ForgotPassword(@NotBlank(message = "{signup.email.required}") @Email(
			message = "{signup.email.invalid}") @Size(max = 254, message = "{signup.email.too-long}") String email) {

		static ForgotPassword empty() {
			return new ForgotPassword("");
		}

	}

	/**
	 * Choosing a new password through a reset link.
	 *
	 * @param token the link's token
	 * @param password the new password
	 */
	record NewPassword(String token, @NotBlank(message = "{password.too-short}") String password) {

		static NewPassword forToken(String token) {
			return new NewPassword(token, "");
		}

	}

	/**
	 * Changing the password.
	 *
	 * @param currentPassword the password now
	 * @param newPassword the password from now on
	 */
	record ChangePassword(@NotBlank(message = "{account.password.current.required}") String currentPassword,
			@NotBlank(message = "{password.too-short}") String newPassword) {

		static ChangePassword empty() {
			return new ChangePassword("", "");
		}

	}

	/**
	 * Moving to a new address.
	 *
	 * @param newEmail the new address
	 * @param currentPassword the password now
	 */
	record ChangeEmail(
			@NotBlank(message = "{signup.email.required}") @Email(message = "{signup.email.invalid}") @Size(max = 254,
					message = "{signup.email.too-long}") String newEmail,
			@NotBlank(message = "{account.password.current.required}") String currentPassword) {

		static ChangeEmail empty() {
			return new ChangeEmail("", "");
		}

	}

	/**
	 * A code from the authenticator app, or a recovery code.
	 *
	 * @param code what was typed
	 */
	record Code(@NotBlank(message = "{two-factor.code.required}") @Size(max = 40,
			message = "{two-factor.code.wrong}") String code) {

		static Code empty() {
			return new Code("");
		}

	}

	/**
	 * The current password, to confirm a sensitive change.
	 *
	 * @param currentPassword the password now
	 */
	record CurrentPassword(@NotBlank(message = "{account.password.current.required}") String currentPassword) {

		static CurrentPassword empty() {
			return new CurrentPassword("");
		}

	}

}
