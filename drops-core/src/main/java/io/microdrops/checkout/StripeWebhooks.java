package io.microdrops.checkout;

import java.time.Clock;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Verifies the calls Stripe makes to Drops' webhook endpoint: the
 * {@code Stripe-Signature} header must carry an HMAC-SHA256 of the timestamp and the raw
 * payload made with the endpoint's signing secret
 * ({@code drops.payments.stripe.webhook-secret}), and the timestamp must be at most five
 * minutes old, so a recorded call cannot be replayed later. Without a configured secret
 * every call is refused. Verified payment events keep orders' payment status current (see
 * {@link #receive(String, String)}).
 */
@Component
@ConditionalOnProperty(name = "drops.payments.provider", havingValue = "stripe")
public class StripeWebhooks {

	private static final Logger logger = LoggerFactory.getLogger(StripeWebhooks.class);

	private final String secret;

	private final Clock clock;

	private final StripePaymentEvents events;

	@Autowired
	StripeWebhooks(@Value("${drops.payments.stripe.webhook-secret:}") String secret, StripePaymentEvents events) {
		this(secret, Clock.systemUTC(), events);
		if (!StringUtils.hasText(secret)) {
			logger.warn("drops.payments.stripe.webhook-secret is not set: Stripe webhook calls will be refused");
		}
	}

	StripeWebhooks(String secret, Clock clock, StripePaymentEvents events) {
		this.secret = secret;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Takes a webhook call: checks its signature, then brings the order its event is
	 * about up to date. Calling again with the same event changes nothing.
	 * @param payload the request body exactly as received (not re-encoded)
	 * @param signatureHeader the value of the {@code Stripe-Signature} header
	 * @return what the event did
	 * @throws InvalidWebhookSignatureException when the signature does not verify
	 * @throws PaymentUnavailableException when Stripe could not be asked where the
	 * payment stands (Stripe sends the event again later)
	 */
	public Outcome receive(String payload, String signatureHeader) {
		Event event = verify(payload, signatureHeader);
		Outcome outcome = this.events.handle(event);
		logger.info("Stripe event {} of type {}: {}", event.getId(), event.getType(), outcome);
		return outcome;
	}

	/**
	 * Checks a webhook call's signature and reads its event.
	 * @param payload the request body exactly as received (not re-encoded)
	 * @param signatureHeader the value of the {@code Stripe-Signature} header
	 * @return the event Stripe sent
	 * @throws InvalidWebhookSignatureException when the signature is missing, wrong or
	 * stale, or no webhook secret is configured
	 */
	public Event verify(String payload, String signatureHeader) {
		if (!StringUtils.hasText(this.secret)) {
			throw new InvalidWebhookSignatureException("No webhook secret is configured", null);
		}
		if (payload == null || !StringUtils.hasText(signatureHeader)) {
			throw new InvalidWebhookSignatureException("No payload or no Stripe-Signature header", null);
		}
		try {
			return Webhook.constructEvent(payload, signatureHeader, this.secret, Webhook.DEFAULT_TOLERANCE, this.clock);
		}
		catch (SignatureVerificationException ex) {
			throw new InvalidWebhookSignatureException(ex.getMessage(), ex);
		}
	}

	/**
	 * What a webhook call did.
	 */
	public enum Outcome {

		/** An order's payment status changed. */
		APPLIED,

		/** The order's payment status was already what Stripe reports. */
		UNCHANGED,

		/** This event was handled before; nothing changed. */
		DUPLICATE,

		/** The payment belongs to no order (declined, or refunded before an order). */
		NO_ORDER,

		/** An event type Drops does not act on. */
		IGNORED

	}

}
