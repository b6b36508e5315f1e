package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Event;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps orders' payment status in step with what Stripe reports:
 * {@code payment_intent.succeeded}, {@code payment_intent.payment_failed} and
 * {@code charge.refunded}. An event only says that something changed; the status is set
 * from the PaymentIntent as Stripe has it now (read outside any transaction), so events
 * arriving late or out of order cannot turn a refund back into a payment. Each event is
 * recorded by its id in the same transaction as the change: a redelivered event changes
 * nothing. Events about a PaymentIntent that became no order (a declined card, a charge
 * refunded because the hold ran out while paying) are recorded and need no call.
 */
@Component
@ConditionalOnProperty(name = "drops.payments.provider", havingValue = "stripe")
class StripePaymentEvents {

	static final Set<String> HANDLED = Set.of("payment_intent.succeeded", "payment_intent.payment_failed",
			"charge.refunded");

	private final StripePaymentProvider stripe;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	StripePaymentEvents(StripePaymentProvider stripe, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.stripe = stripe;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	StripeWebhooks.Outcome handle(Event event) {
		if (!HANDLED.contains(event.getType())) {
			return StripeWebhooks.Outcome.IGNORED;
		}
		if (seen(event.getId())) {
			return StripeWebhooks.Outcome.DUPLICATE;
		}
		String intent = paymentIntentOf(event);
		Optional<UUID> order = (intent != null) ? orderPaidWith(intent) : Optional.empty();
		// Asked before the transaction: no row is locked while Stripe answers.
		StripePaymentProvider.IntentState state = order.isPresent() ? this.stripe.intentState(intent) : null;
		return this.transactions.execute(status -> {
			Instant now = this.clock.instant();
			boolean first = !this.jdbc.sql("""
					insert into stripe_events (id, type, payment_intent, order_id, received_at) values (?, ?, ?, ?, ?)
					on conflict do nothing returning id
					""")
				.params(event.getId(), event.getType(), intent, order.orElse(null), Timestamp.from(now))
				.query(String.class)
				.list()
				.isEmpty();
			if (!first) {
				return StripeWebhooks.Outcome.DUPLICATE;
			}
			if (order.isEmpty()) {
				return StripeWebhooks.Outcome.NO_ORDER;
			}
			Order.PaymentStatus paymentStatus = state.paymentStatus();
			boolean confirmed = "succeeded".equals(state.status());
			int changed = this.jdbc.sql("""
					update orders set payment_status = :status, payment_updated_at = :now
					where id = :order and payment_status <> :status
					""")
				.param("status", (paymentStatus != null) ? paymentStatus.name() : null)
				.param("now", Timestamp.from(now))
				.param("order", order.get())
				.update();
			if (confirmed) {
				this.jdbc.sql("""
						update orders set payment_confirmed_at = ? where id = ? and payment_confirmed_at is null
						""").params(Timestamp.from(now), order.get()).update();
			}
			return (changed > 0) ? StripeWebhooks.Outcome.APPLIED : StripeWebhooks.Outcome.UNCHANGED;
		});
	}

	private boolean seen(String event) {
		return this.jdbc.sql("select exists (select 1 from stripe_events where id = ?)")
			.param(event)
			.query(Boolean.class)
			.single();
	}

	private Optional<UUID> orderPaidWith(String intent) {
		return this.jdbc.sql("select id from orders where payment_reference = ? and payment_provider = ?")
			.params(intent, this.stripe.name())
			.query(UUID.class)
			.optional();
	}

	/**
	 * Reads the PaymentIntent's id from the event's object as sent, whatever API version
	 * Stripe used for it: a PaymentIntent's own id, or a charge's {@code payment_intent}.
	 */
	static String paymentIntentOf(Event event) {
		JsonObject object = JsonParser.parseString(event.getDataObjectDeserializer().getRawJson()).getAsJsonObject();
		JsonElement id = event.getType().startsWith("payment_intent.") ? object.get("id")
				: object.get("payment_intent");
		return (id != null && id.isJsonPrimitive()) ? id.getAsString() : null;
	}

}
