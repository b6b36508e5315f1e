package io.microdrops.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One confirmation link sent to an account's address. Only the SHA-256 of the link's
 * token is kept; the link works once, until it expires.
 */
@Entity
@Table(name = "email_confirmations")
class EmailConfirmation {

	@Id
	@Column(name = "token_hash")
	private String tokenHash;

	@Column(name = "account_id", nullable = false)
	private UUID accountId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Column(name = "used_at")
	private Instant usedAt;

	protected EmailConfirmation() {
	}

	EmailConfirmation(String tokenHash, AccountId account, Instant createdAt, Instant expiresAt) {
		this.tokenHash = tokenHash;
		this.accountId = account.value();
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	AccountId account() {
		return new AccountId(this.accountId);
	}

	boolean isUsed() {
		return this.usedAt != null;
	}

	boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	void use(Instant at) {
		this.usedAt = at;
	}

}
