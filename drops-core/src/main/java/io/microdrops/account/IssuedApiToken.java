package io.microdrops.account;

import java.util.UUID;

/**
 * A token just issued: the only moment its text exists outside the client.
 *
 * @param id the token's id
 * @param name what the owner called it
 * @param token the token to send as {@code Authorization: Bearer <token>}
 */
public record IssuedApiToken(UUID id, String name, String token) {

	@Override
	public String toString() {
		// Never into a log by accident.
		return "IssuedApiToken[id=" + this.id + ", name=" + this.name + "]";
	}

}
