package io.microdrops.offer;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Early-access codes from follow-up offers. A code belongs to one fan and one community:
 * it opens the first drop of that community which the fan reaches for, among those that
 * open after the drop the code came from, a set number of hours before everyone, until it
 * expires. It is used once: the reservation it let through consumes it, and of two
 * reservations racing with one code, one gets it and the other is refused.
 * <p>
 * Codes are kept as they are, not hashed: a code only ever works for the signed-in fan it
 * was issued to, so knowing someone else's code gives nothing, and the fan's pages can
 * show it back.
 */
@Service
public class EarlyAccessCodes {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	EarlyAccessCodes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Finds the code that would open a drop to a fan: the fan's own, unused and unexpired
	 * code for the drop's community, from an earlier drop. One indexed read; the gate
	 * asks only when it would otherwise refuse the fan.
	 * @param drop the drop the fan reaches for
	 * @param fan the fan
	 * @param now the moment
	 * @return the code and the moment it opens the drop; empty when the fan has none
	 */
	@Transactional(readOnly = true)
	public Optional<EarlyAccessCode> usableFor(Drop drop, AccountId fan, Instant now) {
		Instant opens = drop.timeline().opensAt();
		Instant announced = drop.timeline().announceAt();
		return this.jdbc.sql("""
				select id, code, early_hours, expires_at from early_access_codes
				where account_id = ? and community_id = ? and used_at is null and expires_at > ?
				  and source_drop_id <> ? and after_opens_at < ?
				order by issued_at, id
				""")
			.params(fan.value(), drop.community().value(), Timestamp.from(now), drop.id().value(),
					Timestamp.from(opens))
			.query((rs, row) -> {
				Instant early = opens.minus(Duration.ofHours(rs.getInt("early_hours")));
				return new EarlyAccessCode(rs.getObject("id", UUID.class), rs.getString("code"),
						early.isBefore(announced) ? announced : early, rs.getTimestamp("expires_at").toInstant());
			})
			.stream()
			// A code that runs out before it would open the drop does not open it.
			.filter(code -> code.expiresAt().isAfter(code.opensAt()))
			.findFirst();
	}

	/**
	 * Uses a code for a reservation, in the caller's transaction: only the fan's own,
	 * unused, unexpired code is taken, and of two callers racing with one code only one
	 * succeeds (the row is updated under its lock and the second one finds it used).
	 * Rolls back with the reservation.
	 * @param code the code's id
	 * @param fan the fan reserving
	 * @param drop the drop reserved from
	 * @param reservation the reservation the code let through
	 * @param now the moment
	 * @return whether the code was taken by this call
	 */
	@Transactional
	public boolean redeem(UUID code, AccountId fan, DropId drop, UUID reservation, Instant now) {
		return this.jdbc.sql("""
				update early_access_codes set used_at = :now, used_drop_id = :drop, reservation_id = :reservation
				where id = :id and account_id = :fan and used_at is null and expires_at > :now
				""")
			.param("now", Timestamp.from(now))
			.param("drop", drop.value())
			.param("reservation", reservation)
			.param("id", code)
			.param("fan", fan.value())
			.update() == 1;
	}

	/**
	 * Makes a new random code, as fans read it: eight letters and digits in two groups,
	 * without the look-alikes 0, O, 1 and I.
	 * @return the code
	 */
	static String newCode() {
		StringBuilder code = new StringBuilder(9);
		for (int i = 0; i < 8; i++) {
			if (i == 4) {
				code.append('-');
			}
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/**
	 * Lists the early-access codes a fan was given, for their data download.
	 * @param fan the fan
	 * @return one row per code: the code, the drop it came from, validity and use
	 */
	@Transactional(readOnly = true)
	public List<Map<String, Object>> codesOf(AccountId fan) {
		return this.jdbc.sql("""
				select c.code, d.slug as from_drop, c.issued_at, c.expires_at, c.used_at, u.slug as used_in_drop
				from early_access_codes c join drops d on d.id = c.source_drop_id
				left join drops u on u.id = c.used_drop_id
				where c.account_id = ? order by c.issued_at
				""").param(fan.value()).query().listOfRows();
	}

}
