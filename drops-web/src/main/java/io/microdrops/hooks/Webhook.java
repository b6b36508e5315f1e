package io.microdrops.hooks;

import java.time.Instant;
import java.util.UUID;

/**
 * A community's hook: where to post and the secret deliveries are signed with.
 *
 * @param id the hook's id
 * @param community its community
 * @param url where it posts
 * @param secret the signing secret
 * @param createdAt when it was added
 */
record Webhook(UUID id, UUID community, String url, String secret, Instant createdAt) {

	// Public: the admin page's template calls it.
	public boolean isDiscord() {
		return HookPayloads.isDiscord(this.url);
	}

	/** The secret as the admin shows it after creation: only its last four characters. */
	public String maskedSecret() {
		return "…" + this.secret.substring(Math.max(0, this.secret.length() - 4));
	}

}
