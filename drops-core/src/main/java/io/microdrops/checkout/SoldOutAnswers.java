package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.shared.Batches;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps "sold out" as the answer to new idempotency keys of a drop item this node knows
 * to be sold out, for many calls in one transaction: on a sold-out drop's first seconds
 * nearly every call is such a refusal, and each kept alone would hold a connection for a
 * transaction of its own. A key whose lock another request holds (the same key in
 * flight), or that already stands for a hold or an answer, is left to the caller, who
 * takes the usual path and waits for the key's turn.
 */
@Component
class SoldOutAnswers {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Batches<Keyed, Boolean> batches = new Batches<>(this::keep, 500);

	SoldOutAnswers(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Keeps "sold out" as the answer to a new key, in the next batch.
	 * @param request a reservation asked for with an idempotency key
	 * @return whether it was kept: the request's answer is "sold out"; if not, the key
	 * was in use or stands for an earlier answer, which the usual path gives
	 */
	boolean keep(ReserveRequest request) {
		return this.batches.find(new Keyed(request.fan(), request.idempotencyKey(), request.fingerprint()))
			.orElse(false);
	}

	private Map<Keyed, Boolean> keep(Set<Keyed> keys) {
		List<Keyed> batch = List.copyOf(keys);
		Map<Keyed, Boolean> kept = new HashMap<>();
		this.transactions.executeWithoutResult(status -> {
			// The key's turn, as Checkout takes it, but without waiting for a key in use.
			List<Integer> locked = this.jdbc.sql("""
					select k.i from unnest(cast(? as text[])) with ordinality as k(turn, i)
					where pg_try_advisory_xact_lock(hashtextextended(k.turn, 0))
					""").param(batch.stream().map(Keyed::turn).toArray(String[]::new)).query(Integer.class).list();
			List<Keyed> mine = new ArrayList<>();
			locked.forEach(i -> mine.add(batch.get(i - 1)));
			if (mine.isEmpty()) {
				return;
			}
			Timestamp now = Timestamp.from(this.clock.instant());
			this.jdbc
				.sql("""
						insert into checkout_idempotency (account_id, operation, idempotency_key, request_hash, refusal,
						                                  refusal_detail, created_at)
						select k.fan, 'RESERVE', k.key, k.hash, :refusal, :refusal, :now
						from unnest(cast(:fans as uuid[]), cast(:keys as text[]), cast(:hashes as text[])) as k(fan, key, hash)
						where not exists (select 1 from reservations r where r.account_id = k.fan and r.idempotency_key = k.key)
						on conflict do nothing
						returning account_id, idempotency_key, request_hash
						""")
				.param("refusal", Reason.SOLD_OUT.name())
				.param("now", now)
				.param("fans", mine.stream().map(key -> key.fan().value()).toArray(UUID[]::new))
				.param("keys", mine.stream().map(Keyed::key).toArray(String[]::new))
				.param("hashes", mine.stream().map(Keyed::hash).toArray(String[]::new))
				.query((rs, row) -> new Keyed(new AccountId(rs.getObject(1, UUID.class)), rs.getString(2),
						rs.getString(3)))
				.list()
				.forEach(key -> kept.put(key, true));
		});
		return kept;
	}

	/**
	 * A fan's idempotency key with the request it came with.
	 */
	private record Keyed(AccountId fan, String key, String hash) {

		/** What Checkout's advisory lock for the key is taken on. */
		String turn() {
			return this.fan.value() + "|" + this.key;
		}

	}

}
