package io.microdrops.waitingroom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Signs and reads admission tokens: the drop, the fan, the admission's nonce and its
 * expiry (to the second), followed by an HMAC-SHA256 over them, URL-safe Base64. The key
 * is {@code drops.waiting-room.secret} when set; otherwise a random key made once and
 * kept in the database, so every node accepts every node's tokens. The signature makes a
 * forged or altered token worthless without a database read; that it works once is the
 * database's part (the nonce's row).
 */
@Component
class AdmissionTokens {

	private static final String KEY_NAME = "admission-hmac";

	private static final int PAYLOAD_BYTES = 16 * 3 + 8;

	private static final int MAC_BYTES = 32;

	/** Longer text cannot be a token; it is refused before decoding. */
	private static final int MAX_LENGTH = 200;

	private final JdbcClient jdbc;

	private final String configuredSecret;

	private volatile byte[] key;

	private final TransactionTemplate ownTransaction;

	AdmissionTokens(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			@Value("${drops.waiting-room.secret:}") String configuredSecret) {
		this.jdbc = jdbc;
		this.configuredSecret = configuredSecret;
		// The key is first needed while showing a fan's place, in a read-only
		// transaction.
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	String sign(Admission admission) {
		ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
		put(payload, admission.drop());
		put(payload, admission.fan());
		put(payload, admission.nonce());
		payload.putLong(admission.expiresAt().getEpochSecond());
		byte[] bytes = payload.array();
		byte[] token = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES).put(bytes).put(mac(bytes)).array();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

	/**
	 * Reads a token.
	 * @param token the token as received (may be anything)
	 * @return what it says, empty when it is forged, altered or malformed
	 */
	Optional<Admission> read(String token) {
		if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		byte[] decoded;
		try {
			decoded = Base64.getUrlDecoder().decode(token.strip());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (decoded.length != PAYLOAD_BYTES + MAC_BYTES) {
			return Optional.empty();
		}
		byte[] payload = Arrays.copyOfRange(decoded, 0, PAYLOAD_BYTES);
		byte[] mac = Arrays.copyOfRange(decoded, PAYLOAD_BYTES, decoded.length);
		if (!MessageDigest.isEqual(mac, mac(payload))) {
			return Optional.empty();
		}
		ByteBuffer buffer = ByteBuffer.wrap(payload);
		return Optional
			.of(new Admission(uuid(buffer), uuid(buffer), uuid(buffer), Instant.ofEpochSecond(buffer.getLong())));
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(key(), "HmacSHA256"));
			// A purpose prefix, so this key's MACs mean nothing anywhere else.
			hmac.update("drops-admission:".getBytes(StandardCharsets.US_ASCII));
			return hmac.doFinal(payload);
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
		return this.ownTransaction.execute(status -> storedKey());
	}

	private byte[] storedKey() {
		byte[] candidate = new byte[32];
		new SecureRandom().nextBytes(candidate);
		// The first node to get here stores its key; every other node reads that one.
		this.jdbc
			.sql("insert into waiting_room_keys (name, secret) values (:name, :secret) on conflict (name) do nothing")
			.param("name", KEY_NAME)
			.param("secret", candidate)
			.update();
		return this.jdbc.sql("select secret from waiting_room_keys where name = :name")
			.param("name", KEY_NAME)
			.query(byte[].class)
			.single();
	}

	private static void put(ByteBuffer buffer, UUID id) {
		buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
	}

	private static UUID uuid(ByteBuffer buffer) {
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	/**
	 * What a token stands for.
	 *
	 * @param drop the drop's id
	 * @param fan the fan's account id
	 * @param nonce the admission's nonce, as kept on the fan's place
	 * @param expiresAt when it stops working, to the second
	 */
	record Admission(UUID drop, UUID fan, UUID nonce, Instant expiresAt) {
	}

}
