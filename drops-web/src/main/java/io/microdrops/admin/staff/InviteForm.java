package io.microdrops.admin.staff;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import io.microdrops.account.Role;

/**
 * An admin's invitation as typed: an address and at least one staff role.
 *
 * @param email the address to invite
 * @param roles the staff roles to grant
 */
record InviteForm(
		@NotBlank(message = "{staff.invite.email.required}") @Email(message = "{staff.invite.email.invalid}") @Size(
				max = 254, message = "{staff.invite.email.invalid}") String email,
		@NotEmpty(message = "{staff.invite.roles.required}") List<Role> roles) {

	static InviteForm empty() {
		return new InviteForm("", List.of());
	}

}
