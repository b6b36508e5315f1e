package io.microdrops.checkout;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentCreateParams.AutomaticPaymentMethods;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Payments through Stripe: each charge creates and confirms a PaymentIntent in one call,
 * with the reservation id as idempotency key, so a retried charge never takes money
 * twice. Card payments only, without redirects: a card that asks for 3-D Secure is
 * declined with a reason the fan understands. Network failures, timeouts and errors on
 * Stripe's side become a {@link PaymentUnavailableException}.
 */
@Component
@ConditionalOnProperty(name = "drops.payments.provider", havingValue = "stripe")
class StripePaymentProvider implements PaymentProvider {

	private static final Logger logger = LoggerFactory.getLogger(StripePaymentProvider.class);

	// A fan waits at the checkout: with one retry they know within about 45 seconds,
	// where Stripe's default read timeout alone is 80 seconds.
	static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	// One retry of a lost connection or a timeout; safe because every call carries an
	// idempotency key, so Stripe answers a repeat with the first call's result.
	static final int MAX_NETWORK_RETRIES = 1;

	/**
	 * How long Stripe holds an uncaptured card authorisation: 7 days for online card
	 * payments, after which it cancels the PaymentIntent and the money goes back.
	 */
	static final Duration AUTHORISATION_WINDOW = Duration.ofDays(7);

	static final String AUTHORISATION_ENDED = "The authorisation on your card ended before the drop was confirmed, so nothing was taken.";

	static final String GENERIC_DECLINE = "Your card was declined. Try another card or contact your bank.";

	static final String AUTHENTICATION_REQUIRED = "Your bank asks you to confirm this payment, which this checkout cannot do yet. Try another card.";

	static final String OTHER_CARD_SAME_RESERVATION = "This reservation was already tried with a different card. Use that card again, or let the hold end and reserve again to pay with another one.";

	static final String PAYMENT_METHOD_UNUSABLE = "This card could not be used. Enter it again or try another card.";

	// Lost, stolen and fraud declines deliberately read as the generic decline, as card
	// networks ask: telling a fraudster why helps them.
	private static final Map<String, String> DECLINE_REASONS = Map.ofEntries(
			Map.entry("insufficient_funds", "Your card has insufficient funds. Try another card."),
			Map.entry("expired_card", "Your card has expired. Try another card."),
			Map.entry("incorrect_cvc", "The card's security code (CVC) is incorrect. Check it and try again."),
			Map.entry("invalid_cvc", "The card's security code (CVC) is incorrect. Check it and try again."),
			Map.entry("incorrect_number", "The card number is incorrect. Check it and try again."),
			Map.entry("invalid_number", "The card number is incorrect. Check it and try again."),
			Map.entry("invalid_expiry_month", "The card's expiry date is incorrect. Check it and try again."),
			Map.entry("invalid_expiry_year", "The card's expiry date is incorrect. Check it and try again."),
			Map.entry("incorrect_zip", "The postcode does not match your card. Check it and try again."),
			Map.entry("card_velocity_exceeded",
					"Your card has reached its spending limit. Try another card or contact your bank."),
			Map.entry("withdrawal_count_limit_exceeded",
					"Your card has reached its spending limit. Try another card or contact your bank."),
			Map.entry("processing_error", "Your bank could not process the payment just now. Try again in a moment."),
			Map.entry("try_again_later", "Your bank could not process the payment just now. Try again in a moment."),
			Map.entry("card_not_supported", "Your card does not support this kind of purchase. Try another card."),
			Map.entry("currency_not_supported",
					"Your card does not support payments in this currency. Try another card."),
			Map.entry("authentication_required", AUTHENTICATION_REQUIRED),
			Map.entry("approve_with_id", "Your bank could not approve the payment. Try again or contact your bank."),
			Map.entry("testmode_decline", "A Stripe test card was used. Use a real card."));

	private static final String UNEXPECTED_STATE = "payment_intent_unexpected_state";

	private final StripeClient client;

	@Autowired
	StripePaymentProvider(@Value("${drops.payments.stripe.secret-key:}") String secretKey,
			@Value("${drops.payments.stripe.api-base:}") String apiBase) {
		this(secretKey, apiBase, READ_TIMEOUT, MAX_NETWORK_RETRIES);
	}

	StripePaymentProvider(String secretKey, String apiBase, Duration readTimeout, int maxNetworkRetries) {
		if (!StringUtils.hasText(secretKey)) {
			throw new IllegalStateException(
					"drops.payments.provider=stripe needs drops.payments.stripe.secret-key (an sk_live_… or sk_test_… key)");
		}
		this.client = StripeClient.builder()
			.setApiKey(secretKey)
			.setApiBase(StringUtils.hasText(apiBase) ? apiBase : Stripe.LIVE_API_BASE)
			.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
			.setReadTimeout((int) readTimeout.toMillis())
			.setMaxNetworkRetries(maxNetworkRetries)
			.build();
	}

	@Override
	public PaymentResult charge(Charge charge) {
		PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
			.setAmount(charge.amountMinor())
			.setCurrency(charge.currency().toLowerCase(Locale.ROOT))
			.setPaymentMethod(charge.paymentMethod())
			.setConfirm(true)
			.setAutomaticPaymentMethods(AutomaticPaymentMethods.builder()
				.setEnabled(true)
				.setAllowRedirects(AutomaticPaymentMethods.AllowRedirects.NEVER)
				.build())
			.setDescription(charge.description())
			.putMetadata("reservation_id", charge.reservationId())
			.build();
		RequestOptions options = RequestOptions.builder().setIdempotencyKey(charge.reservationId()).build();
		PaymentIntent intent;
		try {
			intent = this.client.v1().paymentIntents().create(params, options);
		}
		catch (CardException ex) {
			return PaymentResult.declined(declineReason(ex.getDeclineCode(), ex.getCode()));
		}
		catch (IdempotencyException ex) {
			// The key is the reservation and Stripe keeps the first attempt's answer,
			// so another card for the same reservation is refused, not charged.
			return PaymentResult.declined(OTHER_CARD_SAME_RESERVATION);
		}
		catch (InvalidRequestException ex) {
			if ("payment_method".equals(ex.getParam())) {
				return PaymentResult.declined(PAYMENT_METHOD_UNUSABLE);
			}
			throw unavailable("Stripe refused the charge for reservation " + charge.reservationId(), ex);
		}
		catch (StripeException ex) {
			throw unavailable("Stripe could not charge reservation " + charge.reservationId(), ex);
		}
		return switch (intent.getStatus()) {
			case "succeeded" -> PaymentResult.approved(intent.getId());
			case "requires_action" -> PaymentResult.declined(AUTHENTICATION_REQUIRED);
			case "requires_payment_method" -> PaymentResult.declined(declineReason(intent.getLastPaymentError()));
			// Not known yet whether money moves: neither sell nor release on it.
			case "processing" -> throw new PaymentUnavailableException(
					"Stripe is still processing " + intent.getId() + " for reservation " + charge.reservationId(),
					null);
			default -> {
				logger.warn("PaymentIntent {} for reservation {} ended in status {}", intent.getId(),
						charge.reservationId(), intent.getStatus());
				yield PaymentResult.declined(GENERIC_DECLINE);
			}
		};
	}

	/**
	 * Reads the card's fingerprint from the PaymentMethod (one GET before the charge):
	 * Stripe gives every PaymentMethod made from one card number the same
	 * {@code card.fingerprint} within an account. Payment methods that are not cards have
	 * none.
	 */
	@Override
	public Optional<String> cardFingerprint(String paymentMethod) {
		if (paymentMethod == null || !canKeepForLater(paymentMethod)) {
			return Optional.empty();
		}
		try {
			PaymentMethod method = this.client.v1().paymentMethods().retrieve(paymentMethod);
			return Optional.ofNullable(method.getCard())
				.map(PaymentMethod.Card::getFingerprint)
				.filter(StringUtils::hasText);
		}
		catch (InvalidRequestException ex) {
			// An unknown payment method: the charge will be declined for it.
			return Optional.empty();
		}
		catch (StripeException ex) {
			throw unavailable("Stripe could not read payment method " + paymentMethod, ex);
		}
	}

	@Override
	public Optional<Duration> authorisationWindow() {
		return Optional.of(AUTHORISATION_WINDOW);
	}

	/**
	 * Creates and confirms a PaymentIntent with {@code capture_method=manual}, the
	 * pre-order id in its metadata and an idempotency key derived from it: the card is
	 * authorised, nothing is taken yet.
	 */
	@Override
	public PaymentResult authorise(Authorisation authorisation) {
		PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
			.setAmount(authorisation.amountMinor())
			.setCurrency(authorisation.currency().toLowerCase(Locale.ROOT))
			.setPaymentMethod(authorisation.paymentMethod())
			.setConfirm(true)
			.setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
			.setAutomaticPaymentMethods(AutomaticPaymentMethods.builder()
				.setEnabled(true)
				.setAllowRedirects(AutomaticPaymentMethods.AllowRedirects.NEVER)
				.build())
			.setDescription(authorisation.description())
			.putMetadata("preorder_id", authorisation.preorderId())
			.build();
		RequestOptions options = RequestOptions.builder().setIdempotencyKey(authorisation.idempotencyKey()).build();
		PaymentIntent intent;
		try {
			intent = this.client.v1().paymentIntents().create(params, options);
		}
		catch (CardException ex) {
			return PaymentResult.declined(declineReason(ex.getDeclineCode(), ex.getCode()));
		}
		catch (IdempotencyException ex) {
			return PaymentResult.declined(PAYMENT_METHOD_UNUSABLE);
		}
		catch (InvalidRequestException ex) {
			if ("payment_method".equals(ex.getParam())) {
				return PaymentResult.declined(PAYMENT_METHOD_UNUSABLE);
			}
			throw unavailable("Stripe refused the authorisation for pre-order " + authorisation.preorderId(), ex);
		}
		catch (StripeException ex) {
			throw unavailable("Stripe could not authorise pre-order " + authorisation.preorderId(), ex);
		}
		return switch (intent.getStatus()) {
			case "requires_capture" -> PaymentResult.approved(intent.getId());
			case "requires_action" -> PaymentResult.declined(AUTHENTICATION_REQUIRED);
			case "requires_payment_method" -> PaymentResult.declined(declineReason(intent.getLastPaymentError()));
			case "processing" -> throw new PaymentUnavailableException(
					"Stripe is still processing " + intent.getId() + " for pre-order " + authorisation.preorderId(),
					null);
			default -> {
				logger.warn("Authorisation {} for pre-order {} ended in status {}", intent.getId(),
						authorisation.preorderId(), intent.getStatus());
				yield PaymentResult.declined(GENERIC_DECLINE);
			}
		};
	}

	/**
	 * Captures a PaymentIntent authorised by {@link #authorise}, keyed by its id. One
	 * captured already (a retry after a lost answer) approves again; one Stripe cancelled
	 * (the authorisation expired, or it was released) is declined.
	 */
	@Override
	public PaymentResult capture(String reference, long amountMinor) {
		PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder()
			.setAmountToCapture(amountMinor)
			.build();
		RequestOptions options = RequestOptions.builder().setIdempotencyKey("capture-" + reference).build();
		PaymentIntent intent;
		try {
			intent = this.client.v1().paymentIntents().capture(reference, params, options);
		}
		catch (CardException ex) {
			return PaymentResult.declined(declineReason(ex.getDeclineCode(), ex.getCode()));
		}
		catch (InvalidRequestException ex) {
			if (UNEXPECTED_STATE.equals(ex.getCode())) {
				// Captured or cancelled before: where it stands now is the answer.
				return "succeeded".equals(intentState(reference).status()) ? PaymentResult.approved(reference)
						: PaymentResult.declined(AUTHORISATION_ENDED);
			}
			throw unavailable("Stripe refused to capture " + reference, ex);
		}
		catch (StripeException ex) {
			throw unavailable("Stripe could not capture " + reference, ex);
		}
		return switch (intent.getStatus()) {
			case "succeeded" -> PaymentResult.approved(intent.getId());
			case "processing" ->
				throw new PaymentUnavailableException("Stripe is still processing the capture of " + reference, null);
			default -> PaymentResult.declined(AUTHORISATION_ENDED);
		};
	}

	/**
	 * Cancels the PaymentIntent, which releases an uncaptured authorisation; one that was
	 * captured meanwhile is refunded instead, one that ended is left alone.
	 */
	@Override
	public void release(String reference) {
		PaymentIntentCancelParams params = PaymentIntentCancelParams.builder()
			.setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED)
			.build();
		RequestOptions options = RequestOptions.builder().setIdempotencyKey("cancel-" + reference).build();
		try {
			this.client.v1().paymentIntents().cancel(reference, params, options);
		}
		catch (InvalidRequestException ex) {
			if (!UNEXPECTED_STATE.equals(ex.getCode())) {
				throw unavailable("Stripe refused to cancel " + reference, ex);
			}
			IntentState state = intentState(reference);
			if ("succeeded".equals(state.status()) && state.amountRefunded() < state.amount()) {
				refund(reference);
			}
			else {
				logger.info("PaymentIntent {} was {} already, nothing to release", reference, state.status());
			}
		}
		catch (StripeException ex) {
			throw unavailable("Stripe could not cancel " + reference, ex);
		}
	}

	@Override
	public void refund(String reference) {
		RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(reference).build();
		RequestOptions options = RequestOptions.builder().setIdempotencyKey("refund-" + reference).build();
		try {
			this.client.v1().refunds().create(params, options);
		}
		catch (InvalidRequestException ex) {
			if ("charge_already_refunded".equals(ex.getCode())) {
				logger.info("PaymentIntent {} was already refunded", reference);
				return;
			}
			throw unavailable("Stripe refused the refund of " + reference, ex);
		}
		catch (StripeException ex) {
			throw unavailable("Stripe could not refund " + reference, ex);
		}
	}

	@Override
	public String name() {
		return "Stripe";
	}

	/**
	 * Reads where a PaymentIntent stands now, its latest charge included: the truth to
	 * set an order's payment by, whatever order Stripe's webhooks arrive in.
	 * @param paymentIntent the PaymentIntent's id
	 * @return its status and the amounts taken and refunded
	 * @throws PaymentUnavailableException when Stripe cannot be asked now
	 */
	IntentState intentState(String paymentIntent) {
		PaymentIntentRetrieveParams params = PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build();
		try {
			PaymentIntent intent = this.client.v1().paymentIntents().retrieve(paymentIntent, params);
			com.stripe.model.Charge charge = intent.getLatestChargeObject();
			return new IntentState(intent.getId(), intent.getStatus(),
					(intent.getAmount() != null) ? intent.getAmount() : 0,
					(charge != null && charge.getAmountRefunded() != null) ? charge.getAmountRefunded() : 0);
		}
		catch (StripeException ex) {
			throw unavailable("Stripe could not tell where " + paymentIntent + " stands", ex);
		}
	}

	static String declineReason(String declineCode, String code) {
		String reason = (declineCode != null) ? DECLINE_REASONS.get(declineCode) : null;
		if (reason == null && code != null) {
			reason = DECLINE_REASONS.get(code);
		}
		return (reason != null) ? reason : GENERIC_DECLINE;
	}

	private static String declineReason(StripeError error) {
		return (error != null) ? declineReason(error.getDeclineCode(), error.getCode()) : GENERIC_DECLINE;
	}

	private static PaymentUnavailableException unavailable(String message, StripeException ex) {
		logger.warn("{} (Stripe request {}, HTTP {}): {}", message, ex.getRequestId(), ex.getStatusCode(),
				ex.getMessage());
		return new PaymentUnavailableException(message, ex);
	}

	/**
	 * Where a PaymentIntent stands.
	 *
	 * @param id the PaymentIntent's id
	 * @param status Stripe's status ({@code succeeded}, {@code requires_payment_method},
	 * ...)
	 * @param amount the amount in minor units
	 * @param amountRefunded how much of it went back, in minor units
	 */
	record IntentState(String id, String status, long amount, long amountRefunded) {

		/**
		 * Returns the order's payment status this stands for.
		 * @return the status, or {@code null} while Stripe has not decided (processing,
		 * waiting for the fan)
		 */
		Order.PaymentStatus paymentStatus() {
			return switch (this.status) {
				case "succeeded" -> {
					if (this.amountRefunded <= 0) {
						yield Order.PaymentStatus.SUCCEEDED;
					}
					yield (this.amountRefunded >= this.amount) ? Order.PaymentStatus.REFUNDED
							: Order.PaymentStatus.PARTIALLY_REFUNDED;
				}
				case "requires_payment_method", "canceled" -> Order.PaymentStatus.FAILED;
				default -> null;
			};
		}

	}

}
