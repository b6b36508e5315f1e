package io.microdrops.checkout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.CheckoutRefusedException.Reason;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The answers given to idempotent checkout requests that did not create a hold, by fan,
 * operation and {@code Idempotency-Key}: a refused reservation (sold out, over the limit,
 * not open to this fan, unknown item), and an order request, placed or refused. A retry
 * with the same key and request gets the same answer again; with a different request a
 * {@link Reason#IDEMPOTENCY_KEY_REUSED}. Invalid input and a payment provider that cannot
 * be reached are not answers worth keeping: the client fixes the request or tries again.
 */
@Component
class IdempotentAnswers {

	private final JdbcClient jdbc;

	IdempotentAnswers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Tells whether a refusal is the answer to the request itself (kept and replayed) or
	 * a matter of its form (not kept).
	 */
	static boolean keeps(Reason reason) {
		return switch (reason) {
			case SOLD_OUT, NOT_ENOUGH_LEFT, OVER_LIMIT, NOT_OPEN_TO_FAN, NOT_FOUND, NOT_HELD, PAYMENT_DECLINED,
					IDENTITY_CAP, DROP_CLOSED ->
				true;
			// A fan who confirms their address may send the same request again.
			// A fan shown the new price pays again with it, under the same key or
			// another.
			case IDEMPOTENCY_KEY_REUSED, INVALID_QUANTITY, INVALID_FULFILMENT, ACCOUNT_REQUIREMENT, ACCOUNT_DELETED,
					ADMISSION_REQUIRED, PRICE_CHANGED ->
				false;
		};
	}

	Optional<Answer> find(AccountId fan, Operation operation, String key) {
		return this.jdbc.sql("""
				select request_hash, order_id, refusal, refusal_detail, opens_to_fan_at from checkout_idempotency
				where account_id = ? and operation = ? and idempotency_key = ?
				""").params(fan.value(), operation.name(), key).query(IdempotentAnswers::answer).optional();
	}

	/**
	 * Keeps a refusal as the key's answer; an answer kept already stays.
	 */
	void keepRefusal(AccountId fan, Operation operation, String key, String requestHash,
			CheckoutRefusedException refusal, Instant now) {
		this.jdbc.sql("""
				insert into checkout_idempotency (account_id, operation, idempotency_key, request_hash, refusal,
				                                  refusal_detail, opens_to_fan_at, created_at)
				values (:fan, :operation, :key, :hash, :refusal, :detail, :opens, :now)
				on conflict do nothing
				""")
			.param("fan", fan.value())
			.param("operation", operation.name())
			.param("key", key)
			.param("hash", requestHash)
			.param("refusal", refusal.reason().name())
			.param("detail", detail(refusal))
			.param("opens", (refusal.opensToFanAt() != null) ? Timestamp.from(refusal.opensToFanAt()) : null)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Takes a key for a request before working on it, or finds what the key holds.
	 * @return the key's row: this request's, without an answer yet, or an earlier one's
	 */
	Answer take(AccountId fan, Operation operation, String key, String requestHash, Instant now) {
		this.jdbc.sql("""
				insert into checkout_idempotency (account_id, operation, idempotency_key, request_hash, created_at)
				values (?, ?, ?, ?, ?) on conflict do nothing
				""").params(fan.value(), operation.name(), key, requestHash, Timestamp.from(now)).update();
		return find(fan, operation, key).orElseThrow();
	}

	/**
	 * Records the answer to a taken key, unless a concurrent request with the same key
	 * answered first.
	 * @return the key's answer, which every retry gets
	 */
	Answer settle(AccountId fan, Operation operation, String key, UUID order, CheckoutRefusedException refusal) {
		this.jdbc.sql("""
				update checkout_idempotency set order_id = :order, refusal = :refusal, refusal_detail = :detail
				where account_id = :fan and operation = :operation and idempotency_key = :key
				  and order_id is null and refusal is null
				""")
			.param("order", order)
			.param("refusal", (refusal != null) ? refusal.reason().name() : null)
			.param("detail", (refusal != null) ? detail(refusal) : null)
			.param("fan", fan.value())
			.param("operation", operation.name())
			.param("key", key)
			.update();
		return find(fan, operation, key).orElseThrow();
	}

	/**
	 * Gives a taken key back when its request got no answer worth keeping (invalid input,
	 * the provider unreachable), so a corrected request may use it.
	 */
	void release(AccountId fan, Operation operation, String key, String requestHash) {
		this.jdbc.sql("""
				delete from checkout_idempotency
				where account_id = ? and operation = ? and idempotency_key = ? and request_hash = ?
				  and order_id is null and refusal is null
				""").params(fan.value(), operation.name(), key, requestHash).update();
	}

	int forgetOlderThan(Instant moment) {
		return this.jdbc.sql("delete from checkout_idempotency where created_at < ?")
			.param(Timestamp.from(moment))
			.update();
	}

	private static String detail(CheckoutRefusedException refusal) {
		String detail = refusal.getMessage();
		return (detail != null && detail.length() > 500) ? detail.substring(0, 500) : detail;
	}

	private static Answer answer(ResultSet rs, int row) throws SQLException {
		String refusal = rs.getString("refusal");
		Timestamp opens = rs.getTimestamp("opens_to_fan_at");
		return new Answer(rs.getString("request_hash"), rs.getObject("order_id", UUID.class),
				(refusal != null) ? Reason.valueOf(refusal) : null, rs.getString("refusal_detail"),
				(opens != null) ? opens.toInstant() : null);
	}

	/**
	 * What an idempotency key stands for.
	 */
	enum Operation {

		RESERVE, ORDER

	}

	/**
	 * A key's row.
	 */
	record Answer(String requestHash, UUID order, Reason refusal, String refusalDetail, Instant opensToFanAt) {

		boolean isFor(String requestHash) {
			return this.requestHash.equals(requestHash);
		}

		boolean isSettled() {
			return this.order != null || this.refusal != null;
		}

		CheckoutRefusedException refusalAgain() {
			return new CheckoutRefusedException(this.refusal, this.opensToFanAt,
					(this.refusalDetail != null) ? this.refusalDetail : this.refusal.name());
		}

	}

}
