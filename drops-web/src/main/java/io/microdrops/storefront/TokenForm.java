package io.microdrops.storefront;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.microdrops.account.ApiTokenManagement;

/**
 * The name a person gives a new API token, e.g. the script that will use it.
 *
 * @param name the token's name
 */
record TokenForm(@NotBlank(message = "{tokens.name.required}") @Size(max = ApiTokenManagement.MAX_NAME_LENGTH,
		message = "{tokens.name.too-long}") String name) {
}
