package io.microdrops.analytics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keys of story page visitors. A signed-in fan is their account. Anyone else is an
 * HMAC-SHA256 of address and user agent under a random salt for the day (UTC), shared by
 * every node through the database; earlier days' salts are deleted when a new day's is
 * made, so yesterday's keys can no longer be matched to an address.
 */
class VisitorKeys {

	static final String FAN_PREFIX = "fan:";

	static final String ANONYMOUS_PREFIX = "anon:";

	private final JdbcClient jdbc;

	private final SecureRandom random = new SecureRandom();

	private volatile DailySalt current = new DailySalt(LocalDate.MIN, new byte[0]);

	VisitorKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String keyOf(Visitor visitor, LocalDate day) {
		if (visitor.fan() != null) {
			return FAN_PREFIX + visitor.fan().value();
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(saltOf(day), "HmacSHA256"));
			byte[] digest = mac.doFinal(
					(String.valueOf(visitor.address()) + '\n' + visitor.userAgent()).getBytes(StandardCharsets.UTF_8));
			return ANONYMOUS_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	private byte[] saltOf(LocalDate day) {
		DailySalt salt = this.current;
		if (salt.day().equals(day)) {
			return salt.salt();
		}
		synchronized (this) {
			salt = this.current;
			if (!salt.day().equals(day)) {
				salt = new DailySalt(day, load(day));
				this.current = salt;
			}
			return salt.salt();
		}
	}

	private byte[] load(LocalDate day) {
		byte[] fresh = new byte[32];
		this.random.nextBytes(fresh);
		// The first node to ask for the day's salt makes it; every other node reads it.
		this.jdbc.sql("insert into analytics_visitor_salts (day, salt) values (?, ?) on conflict do nothing")
			.params(day, fresh)
			.update();
		this.jdbc.sql("delete from analytics_visitor_salts where day < ?").param(day).update();
		return this.jdbc.sql("select salt from analytics_visitor_salts where day = ?")
			.param(day)
			.query(byte[].class)
			.single();
	}

	private record DailySalt(LocalDate day, byte[] salt) {
	}

}
