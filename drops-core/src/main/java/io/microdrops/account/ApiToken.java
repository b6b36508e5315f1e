package io.microdrops.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A personal API token as its owner sees it in their list: never the token itself, which
 * is shown once when issued and not kept.
 *
 * @param id the token's id
 * @param name what the owner called it
 * @param hint the token's first characters, to tell tokens apart
 * @param createdAt when it was issued
 * @param lastUsedAt when it was last used, to the minute, or {@code null} if never
 */
public record ApiToken(UUID id, String name, String hint, Instant createdAt, Instant lastUsedAt) {
}
