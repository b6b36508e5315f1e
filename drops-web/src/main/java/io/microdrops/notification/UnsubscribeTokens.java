package io.microdrops.notification;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.microdrops.account.AccountId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Signs and checks the tokens of unsubscribe links: the account id followed by an
 * HMAC-SHA256 over it, URL-safe. The key is {@code drops.mail.unsubscribe-secret} when
 * set; otherwise a random key generated once and kept in the database, so every node
 * accepts every node's links.
 */
@Component
class UnsubscribeTokens {

	private static final String SECRET_NAME = "unsubscribe-hmac";

	private static final int ID_BYTES = 16;

	private static final int MAC_BYTES = 32;

	private final JdbcClient jdbc;

	private final String configuredSecret;

	private volatile byte[] key;

	UnsubscribeTokens(JdbcClient jdbc, @Value("${drops.mail.unsubscribe-secret:}") String configuredSecret) {
		this.jdbc = jdbc;
		this.configuredSecret = configuredSecret;
	}

	String tokenFor(AccountId account) {
		byte[] id = bytes(account.value());
		ByteBuffer token = ByteBuffer.allocate(ID_BYTES + MAC_BYTES).put(id).put(mac(id));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
	}

	/**
	 * Checks a token.
	 * @param token the token as received (may be anything)
	 * @return the account it was made for, empty when it is forged or malformed
	 */
	Optional<AccountId> verify(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		byte[] decoded;
		try {
			decoded = Base64.getUrlDecoder().decode(token.strip());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (decoded.length != ID_BYTES + MAC_BYTES) {
			return Optional.empty();
		}
		byte[] id = Arrays.copyOfRange(decoded, 0, ID_BYTES);
		byte[] mac = Arrays.copyOfRange(decoded, ID_BYTES, decoded.length);
		if (!MessageDigest.isEqual(mac, mac(id))) {
			return Optional.empty();
		}
		ByteBuffer buffer = ByteBuffer.wrap(id);
		return Optional.of(new AccountId(new UUID(buffer.getLong(), buffer.getLong())));
	}

	private byte[] mac(byte[] id) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(key(), "HmacSHA256"));
			// A purpose prefix, so this key's MACs mean nothing anywhere else.
			hmac.update("drops-unsubscribe:".getBytes(StandardCharsets.US_ASCII));
			return hmac.doFinal(id);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JDK has HmacSHA256", ex);
		}
	}

	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			current = StringUtils.hasText(this.configuredSecret)
					? this.configuredSecret.getBytes(StandardCharsets.UTF_8) : sharedKey();
			this.key = current;
		}
		return current;
	}

	private byte[] sharedKey() {
		byte[] candidate = new byte[32];
		new SecureRandom().nextBytes(candidate);
		// The first node to get here stores its key; every other node reads that one.
		this.jdbc.sql("insert into mail_secrets (name, secret) values (:name, :secret) on conflict (name) do nothing")
			.param("name", SECRET_NAME)
			.param("secret", candidate)
			.update();
		return this.jdbc.sql("select secret from mail_secrets where name = :name")
			.param("name", SECRET_NAME)
			.query(byte[].class)
			.single();
	}

	private static byte[] bytes(UUID id) {
		return ByteBuffer.allocate(ID_BYTES)
			.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.array();
	}

}
