package io.microdrops.waitingroom;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.AdmissionGate;
import io.microdrops.drop.Drop;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks and uses admission tokens in the reserve's transaction: the signature, drop, fan
 * and expiry from the token itself, then one conditional update of the fan's place that
 * only succeeds while the admission is unused, so a token works once (two reserves racing
 * with it: the second waits for the first's row lock and finds it used).
 */
@Component
class AdmissionCheck implements AdmissionGate {

	private final AdmissionTokens tokens;

	private final JdbcClient jdbc;

	private final Clock clock;

	AdmissionCheck(AdmissionTokens tokens, JdbcClient jdbc, Clock clock) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public boolean admit(Drop drop, AccountId fan, String token) {
		Instant now = this.clock.instant();
		return this.tokens.read(token)
			.filter(admission -> admission.drop().equals(drop.id().value()))
			.filter(admission -> admission.fan().equals(fan.value()))
			.filter(admission -> admission.expiresAt().isAfter(now))
			.map(admission -> this.jdbc.sql("""
					update waiting_room_entries set admission_used_at = :now
					where drop_id = :drop and account_id = :fan and admission_nonce = :nonce
					  and admission_used_at is null and admission_expires_at > :now
					""")
				.param("now", Timestamp.from(now))
				.param("drop", admission.drop())
				.param("fan", admission.fan())
				.param("nonce", admission.nonce())
				.update() == 1)
			.orElse(false);
	}

}
