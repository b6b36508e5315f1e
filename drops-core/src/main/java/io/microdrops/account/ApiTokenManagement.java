package io.microdrops.account;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.microdrops.shared.Batches;
import io.microdrops.shared.Texts;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Personal API tokens: issued to a signed-in person, shown once, kept only as their
 * SHA-256, revocable at any time, with the time they were last used. A token acts as its
 * owner with the owner's roles, as long as the account is active.
 * <p>
 * Checking a token is one indexed read (shared with the other calls checking theirs at
 * that moment, {@link Batches}), and none while this node remembers it
 * ({@link KnownTokens}: a revocation or a change of the owner's account is heard by every
 * node as soon as it commits). Its last-used time is noted at most once a minute, and
 * written in batches every {@code drops.api.last-used-flush-interval}, so a client
 * calling many times a second, or thousands of fans each calling for the first time, cost
 * no write per call.
 */
@Service
public class ApiTokenManagement {

	/** What every token starts with, so scanners and people recognise one. */
	public static final String PREFIX = "drops_";

	/** Most active tokens one account may hold. */
	public static final int MAX_ACTIVE = 20;

	/** Longest token name. */
	public static final int MAX_NAME_LENGTH = 60;

	/** How precisely the last-used time is kept. */
	static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private static final int HINT_LENGTH = PREFIX.length() + 4;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final Clock clock;

	private final KnownTokens memory;

	/** Last uses noted and not yet written: token id → when. */
	private final Map<UUID, Instant> lastUses = new ConcurrentHashMap<>();

	/** Tokens not in memory, read many calls at a time. */
	private final Batches<String, Found> reads = new Batches<>(this::read, 500);

	ApiTokenManagement(JdbcClient jdbc, JdbcTemplate batches, Clock clock, KnownTokens memory) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.clock = clock;
		this.memory = memory;
	}

	/**
	 * Issues a new token for an account.
	 * @param account the owner
	 * @param name what the owner calls it, e.g. the script that will use it
	 * @return the token, whose text is never available again
	 * @throws ApiTokenRefusedException when the name is blank or too long, or the account
	 * holds {@link #MAX_ACTIVE} active tokens already
	 */
	@Transactional
	public IssuedApiToken issue(AccountId account, String name) {
		String clean = Texts.blankToNull(name);
		if (clean == null) {
			throw new ApiTokenRefusedException("tokens.name.required");
		}
		if (clean.length() > MAX_NAME_LENGTH) {
			throw new ApiTokenRefusedException("tokens.name.too-long");
		}
		// The account's row is the turnstile: two requests at once cannot both pass the
		// count below.
		boolean exists = this.jdbc.sql("select id from accounts where id = ? for update")
			.param(account.value())
			.query(UUID.class)
			.optional()
			.isPresent();
		if (!exists) {
			throw new IllegalArgumentException("No such account");
		}
		long active = this.jdbc.sql("select count(*) from api_tokens where account_id = ? and revoked_at is null")
			.param(account.value())
			.query(Long.class)
			.single();
		if (active >= MAX_ACTIVE) {
			throw new ApiTokenRefusedException("tokens.too-many");
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into api_tokens (id, account_id, name, token_hash, hint, created_at)
				values (?, ?, ?, ?, ?, ?)
				""")
			.params(id, account.value(), clean, AccountManagement.sha256(token), token.substring(0, HINT_LENGTH),
					Timestamp.from(this.clock.instant()))
			.update();
		return new IssuedApiToken(id, clean, token);
	}

	/**
	 * Lists an account's active tokens, newest first, with uses this node noted and has
	 * not written yet.
	 * @param account the owner
	 * @return the tokens, without their text
	 */
	@Transactional(readOnly = true)
	public List<ApiToken> tokensOf(AccountId account) {
		return this.jdbc.sql("""
				select id, name, hint, created_at, last_used_at from api_tokens
				where account_id = ? and revoked_at is null order by created_at desc, id
				""")
			.param(account.value())
			.query((rs, row) -> new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("hint"),
					rs.getTimestamp("created_at").toInstant(),
					latest(instant(rs.getTimestamp("last_used_at")),
							this.lastUses.get(rs.getObject("id", UUID.class)))))
			.list();
	}

	/**
	 * Revokes one of an account's tokens: from now on it is refused, on every node.
	 * @param account the owner (another account's token is not found)
	 * @param token the token's id
	 * @return {@code true} if an active token was revoked now
	 */
	@Transactional
	public boolean revoke(AccountId account, UUID token) {
		boolean revoked = this.jdbc
			.sql("update api_tokens set revoked_at = ? where id = ? and account_id = ? and revoked_at is null")
			.params(Timestamp.from(this.clock.instant()), token, account.value())
			.update() == 1;
		if (revoked) {
			// Other nodes hear it from the database's trigger; this one need not wait.
			forgetAfterCommit(account);
		}
		return revoked;
	}

	private void forgetAfterCommit(AccountId account) {
		this.memory.forget(account);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					ApiTokenManagement.this.memory.forget(account);
				}

			});
		}
	}

	/**
	 * Finds who a token belongs to, and notes that it was used (at most once a minute;
	 * written by {@link #flushLastUses()}).
	 * @param token the token as received (may be anything)
	 * @return the owner's credentials (without a password hash) and the token's id; empty
	 * for an unknown or revoked token, or an owner who may not sign in
	 */
	// No transaction on purpose: this runs before every token call, and one statement on
	// its own needs none, saving the BEGIN and COMMIT round trips and the persistence
	// context of a transaction per call.
	public Optional<Bearer> authenticate(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		String hash = AccountManagement.sha256(token);
		KnownTokens.Known known = this.memory.find(hash);
		if (known != null) {
			if (due(known.lastUsedAt(), now)) {
				this.lastUses.put(known.bearer().tokenId(), now);
				this.memory.used(hash, known, now);
			}
			return Optional.of(known.bearer());
		}
		long generation = this.memory.generation();
		Optional<Found> found = this.reads.find(hash).filter(candidate -> candidate.bearer().credentials().enabled());
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Instant lastUsedAt = found.get().lastUsedAt();
		if (due(lastUsedAt, now)) {
			this.lastUses.put(found.get().bearer().tokenId(), now);
			lastUsedAt = now;
		}
		this.memory.remember(hash, found.get().bearer(), lastUsedAt, generation);
		return found.map(Found::bearer);
	}

	/** Reads the tokens of many calls at once (see {@link Batches}). */
	private Map<String, Found> read(Set<String> hashes) {
		Map<String, Found> found = new HashMap<>();
		this.jdbc.sql("""
				select t.token_hash, t.id as token_id, t.last_used_at, a.id, a.email, a.display_name, a.enabled,
				       array(select r.role from account_roles r where r.account_id = a.id) as roles
				from api_tokens t join accounts a on a.id = t.account_id
				where t.token_hash = any(?) and t.revoked_at is null
				""").param(hashes.toArray(String[]::new)).query(rs -> {
			AccountManagement.Credentials owner = new AccountManagement.Credentials(
					new AccountId(rs.getObject("id", UUID.class)), rs.getString("email"), rs.getString("display_name"),
					null, roles(rs.getArray("roles")), rs.getBoolean("enabled"));
			found.put(rs.getString("token_hash"), new Found(new Bearer(rs.getObject("token_id", UUID.class), owner),
					instant(rs.getTimestamp("last_used_at"))));
		});
		return found;
	}

	private static Instant latest(Instant written, Instant noted) {
		// A use this node noted and has not written yet shows at once.
		return (noted != null && (written == null || noted.isAfter(written))) ? noted : written;
	}

	private static boolean due(Instant lastUsedAt, Instant now) {
		return lastUsedAt == null || !lastUsedAt.plus(LAST_USED_RESOLUTION).isAfter(now);
	}

	/**
	 * Writes the last uses noted since the previous call, in one batch; a token's time
	 * only ever moves forward. Every node calls it every
	 * {@code drops.api.last-used-flush-interval} and when it stops.
	 * @return how many tokens' times were written
	 */
	public int flushLastUses() {
		if (this.lastUses.isEmpty()) {
			return 0;
		}
		List<Object[]> batch = new ArrayList<>();
		for (UUID id : List.copyOf(this.lastUses.keySet())) {
			Instant at = this.lastUses.remove(id);
			if (at != null) {
				Timestamp when = Timestamp.from(at);
				batch.add(new Object[] { when, id, when });
			}
		}
		if (batch.isEmpty()) {
			return 0;
		}
		try {
			this.batches.batchUpdate("""
					update api_tokens set last_used_at = ?
					where id = ? and (last_used_at is null or last_used_at < ?)
					""", batch);
		}
		catch (RuntimeException ex) {
			// Kept for the next flush: the database may be back by then.
			for (Object[] row : batch) {
				this.lastUses.merge((UUID) row[1], ((Timestamp) row[0]).toInstant(),
						(kept, failed) -> kept.isAfter(failed) ? kept : failed);
			}
			throw ex;
		}
		return batch.size();
	}

	private static Set<Role> roles(Array array) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream((Object[]) array.getArray()).map(role -> Role.valueOf(role.toString())).forEach(roles::add);
		return roles;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A caller identified by a token.
	 *
	 * @param tokenId the token's id
	 * @param credentials the owner; the password hash is {@code null}, a token is not a
	 * password
	 */
	public record Bearer(UUID tokenId, AccountManagement.Credentials credentials) {
	}

	private record Found(Bearer bearer, Instant lastUsedAt) {
	}

}
