package io.microdrops.hooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every hook delivery: HMAC-SHA256, keyed with the hook's secret, over
 * {@code <timestamp>.<body>}, sent as {@code Drops-Signature: t=<timestamp>,v1=<hex>}
 * with the timestamp in Unix seconds. A receiver recomputes it, compares in constant time
 * and refuses old timestamps, so a captured delivery cannot be replayed later.
 */
final class Signatures {

	static final String HEADER = "Drops-Signature";

	private Signatures() {
	}

	static String header(String secret, long timestamp, String body) {
		return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body);
	}

	static String hmac(String secret, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
