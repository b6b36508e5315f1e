package io.microdrops.checkout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.SocketTimeoutException;
import java.time.Duration;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.microdrops.checkout.PaymentProvider.Charge;
import io.microdrops.checkout.PaymentProvider.PaymentResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Stripe adapter against a local stand-in for Stripe's API that answers with
 * responses recorded by hand in {@code src/test/resources/stripe}.
 */
class StripePaymentProviderTests {

	@RegisterExtension
	static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Charge CHARGE = new Charge("res-0001", 2400, "EUR", "pm_card_visa",
			"Brass keycaps, winter run");

	static final String PREORDER = "7d3f0c3e-0000-4000-8000-000000000001";

	static final String AUTHORISED_INTENT = "pi_3QdropsAuthorised0001";

	private static final PaymentProvider.Authorisation AUTHORISATION = new PaymentProvider.Authorisation(PREORDER, 4900,
			"GBP", "pm_card_visa", "Drops pre-order Brass keycap");

	// No retries, so each test sees exactly the calls it set up.
	private final StripePaymentProvider provider = new StripePaymentProvider("sk_test_drops", stripe.baseUrl(),
			Duration.ofSeconds(10), 0);

	@Test
	void approvesWithThePaymentIntentIdWhenTheIntentSucceeds() {
		stubPaymentIntents(200, "payment-intent-succeeded.json");

		PaymentResult result = this.provider.charge(CHARGE);

		assertThat(result.approved()).isTrue();
		assertThat(result.reference()).isEqualTo("pi_3QdropsSucceeded0001");
		assertThat(result.declineReason()).isNull();
	}

	@Test
	void createsAndConfirmsOneCardIntentKeyedByTheReservation() {
		stubPaymentIntents(200, "payment-intent-succeeded.json");

		this.provider.charge(CHARGE);

		stripe.verify(1,
				postRequestedFor(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo("res-0001"))
					.withHeader("Authorization", equalTo("Bearer sk_test_drops"))
					.withFormParam("amount", equalTo("2400"))
					.withFormParam("currency", equalTo("eur"))
					.withFormParam("payment_method", equalTo("pm_card_visa"))
					.withFormParam("confirm", equalTo("true"))
					.withFormParam("automatic_payment_methods[enabled]", equalTo("true"))
					.withFormParam("automatic_payment_methods[allow_redirects]", equalTo("never"))
					.withFormParam("metadata[reservation_id]", equalTo("res-0001")));
	}

	@Test
	void declinesWithAReasonAFanUnderstandsWhenTheCardIsDeclined() {
		stubPaymentIntents(402, "card-declined-insufficient-funds.json");

		PaymentResult result = this.provider.charge(CHARGE);

		assertThat(result.approved()).isFalse();
		assertThat(result.reference()).isNull();
		assertThat(result.declineReason()).isEqualTo("Your card has insufficient funds. Try another card.");
	}

	@Test
	void declinesWhenTheBankWantsAConfirmationThisCheckoutCannotShow() {
		stubPaymentIntents(200, "payment-intent-requires-action.json");

		PaymentResult result = this.provider.charge(CHARGE);

		assertThat(result.approved()).isFalse();
		assertThat(result.declineReason()).isEqualTo(StripePaymentProvider.AUTHENTICATION_REQUIRED);
	}

	@Test
	void declinesAPaymentMethodStripeDoesNotKnow() {
		stubPaymentIntents(400, "no-such-payment-method.json");

		PaymentResult result = this.provider.charge(CHARGE);

		assertThat(result.approved()).isFalse();
		assertThat(result.declineReason()).isEqualTo(StripePaymentProvider.PAYMENT_METHOD_UNUSABLE);
	}

	@Test
	void declinesAnotherCardForAReservationAlreadyTriedWithADifferentOne() {
		stubPaymentIntents(400, "idempotency-key-reused.json");

		PaymentResult result = this.provider.charge(CHARGE);

		assertThat(result.approved()).isFalse();
		assertThat(result.declineReason()).isEqualTo(StripePaymentProvider.OTHER_CARD_SAME_RESERVATION);
	}

	@Test
	void reportsPaymentsUnavailableWhenStripeAnswersWithAServerError() {
		stubPaymentIntents(500, "api-error.json");

		assertThatThrownBy(() -> this.provider.charge(CHARGE)).isInstanceOf(PaymentUnavailableException.class)
			.hasMessageContaining("res-0001")
			.hasCauseInstanceOf(ApiException.class);
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents")));
	}

	@Test
	void reportsPaymentsUnavailableWhenStripeDoesNotAnswerInTime() {
		stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(
				aResponse().withStatus(200).withBody(json("payment-intent-succeeded.json")).withFixedDelay(3000)));
		StripePaymentProvider impatient = new StripePaymentProvider("sk_test_drops", stripe.baseUrl(),
				Duration.ofMillis(300), 0);

		assertThatThrownBy(() -> impatient.charge(CHARGE)).isInstanceOf(PaymentUnavailableException.class)
			.hasRootCauseInstanceOf(SocketTimeoutException.class);
	}

	@Test
	void reportsPaymentsUnavailableWhenTheConnectionBreaks() {
		stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatThrownBy(() -> this.provider.charge(CHARGE)).isInstanceOf(PaymentUnavailableException.class)
			.hasCauseInstanceOf(ApiConnectionException.class);
	}

	@Test
	void refundsThePaymentIntentKeyedByItsReference() {
		stripe.stubFor(post(urlEqualTo("/v1/refunds"))
			.willReturn(aResponse().withStatus(200).withBody(json("refund-succeeded.json"))));

		this.provider.refund("pi_3QdropsSucceeded0001");

		stripe.verify(1,
				postRequestedFor(urlEqualTo("/v1/refunds"))
					.withHeader("Idempotency-Key", equalTo("refund-pi_3QdropsSucceeded0001"))
					.withFormParam("payment_intent", equalTo("pi_3QdropsSucceeded0001")));
	}

	@Test
	void treatsAnAlreadyRefundedPaymentAsRefunded() {
		stripe.stubFor(post(urlEqualTo("/v1/refunds"))
			.willReturn(aResponse().withStatus(400).withBody(json("charge-already-refunded.json"))));

		assertThatNoException().isThrownBy(() -> this.provider.refund("pi_3QdropsSucceeded0001"));
	}

	@Test
	void reportsPaymentsUnavailableWhenARefundCannotReachStripe() {
		stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody(json("api-error.json"))));

		assertThatThrownBy(() -> this.provider.refund("pi_3QdropsSucceeded0001"))
			.isInstanceOf(PaymentUnavailableException.class)
			.hasCauseInstanceOf(ApiException.class);
	}

	@Test
	void refusesToStartWithoutASecretKey() {
		assertThatThrownBy(() -> new StripePaymentProvider("", "")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("drops.payments.stripe.secret-key");
	}

	@Test
	void namesItselfStripe() {
		assertThat(this.provider.name()).isEqualTo("Stripe");
	}

	@Test
	void mapsDeclineCodesToWordsAndHidesWhyACardCountsAsStolen() {
		assertThat(StripePaymentProvider.declineReason("expired_card", "expired_card"))
			.isEqualTo("Your card has expired. Try another card.");
		assertThat(StripePaymentProvider.declineReason(null, "incorrect_cvc")).contains("security code");
		assertThat(StripePaymentProvider.declineReason("stolen_card", "card_declined"))
			.isEqualTo(StripePaymentProvider.GENERIC_DECLINE);
		assertThat(StripePaymentProvider.declineReason(null, null)).isEqualTo(StripePaymentProvider.GENERIC_DECLINE);
	}

	@Test
	void authorisesAPreorderWithAManualCaptureIntentKeyedByThePreorder() {
		stubPaymentIntents(200, "payment-intent-requires-capture.json");

		PaymentResult result = this.provider.authorise(AUTHORISATION);

		assertThat(result.approved()).isTrue();
		assertThat(result.reference()).isEqualTo(AUTHORISED_INTENT);
		stripe.verify(1,
				postRequestedFor(urlEqualTo("/v1/payment_intents"))
					.withHeader("Idempotency-Key", equalTo("preorder-" + PREORDER + "-authorise"))
					.withFormParam("amount", equalTo("4900"))
					.withFormParam("currency", equalTo("gbp"))
					.withFormParam("payment_method", equalTo("pm_card_visa"))
					.withFormParam("confirm", equalTo("true"))
					.withFormParam("capture_method", equalTo("manual"))
					.withFormParam("metadata[preorder_id]", equalTo(PREORDER)));
	}

	@Test
	void declinesAnAuthorisationWithAReasonAFanUnderstands() {
		stubPaymentIntents(402, "card-declined-insufficient-funds.json");

		PaymentResult result = this.provider.authorise(AUTHORISATION);

		assertThat(result.approved()).isFalse();
		assertThat(result.reference()).isNull();
		assertThat(result.declineReason()).isEqualTo("Your card has insufficient funds. Try another card.");
	}

	@Test
	void holdsAuthorisationsForSevenDays() {
		assertThat(this.provider.authorisationWindow()).contains(Duration.ofDays(7));
	}

	@Test
	void capturesTheAuthorisedAmountKeyedByTheIntent() {
		stubIntentCall("capture", 200, "payment-intent-captured.json");

		PaymentResult result = this.provider.capture(AUTHORISED_INTENT, 4900);

		assertThat(result.approved()).isTrue();
		assertThat(result.reference()).isEqualTo(AUTHORISED_INTENT);
		stripe.verify(1,
				postRequestedFor(urlEqualTo("/v1/payment_intents/" + AUTHORISED_INTENT + "/capture"))
					.withHeader("Idempotency-Key", equalTo("capture-" + AUTHORISED_INTENT))
					.withFormParam("amount_to_capture", equalTo("4900")));
	}

	@Test
	void approvesACaptureAgainWhenStripeHadCapturedItAlready() {
		stubIntentCall("capture", 400, "payment-intent-unexpected-state.json");
		stubRetrieve("payment-intent-captured.json");

		PaymentResult result = this.provider.capture(AUTHORISED_INTENT, 4900);

		assertThat(result.approved()).isTrue();
		assertThat(result.reference()).isEqualTo(AUTHORISED_INTENT);
	}

	@Test
	void declinesACaptureWhenTheAuthorisationEnded() {
		stubIntentCall("capture", 400, "payment-intent-unexpected-state.json");
		stubRetrieve("payment-intent-canceled.json");

		PaymentResult result = this.provider.capture(AUTHORISED_INTENT, 4900);

		assertThat(result.approved()).isFalse();
		assertThat(result.declineReason()).isEqualTo(StripePaymentProvider.AUTHORISATION_ENDED);
	}

	@Test
	void reportsPaymentsUnavailableWhenACaptureMeetsAServerError() {
		stubIntentCall("capture", 500, "api-error.json");

		assertThatThrownBy(() -> this.provider.capture(AUTHORISED_INTENT, 4900))
			.isInstanceOf(PaymentUnavailableException.class);
	}

	@Test
	void releasesAnAuthorisationByCancellingTheIntent() {
		stubIntentCall("cancel", 200, "payment-intent-canceled.json");

		this.provider.release(AUTHORISED_INTENT);

		stripe.verify(1,
				postRequestedFor(urlEqualTo("/v1/payment_intents/" + AUTHORISED_INTENT + "/cancel"))
					.withHeader("Idempotency-Key", equalTo("cancel-" + AUTHORISED_INTENT))
					.withFormParam("cancellation_reason", equalTo("abandoned")));
		stripe.verify(0, postRequestedFor(urlEqualTo("/v1/refunds")));
	}

	@Test
	void refundsAReleasedAuthorisationThatWasCapturedMeanwhile() {
		stubIntentCall("cancel", 400, "payment-intent-unexpected-state.json");
		stubRetrieve("payment-intent-captured.json");
		stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(json("refund-succeeded.json"))));

		this.provider.release(AUTHORISED_INTENT);

		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")).withFormParam("payment_intent",
				equalTo(AUTHORISED_INTENT)));
	}

	@Test
	void leavesAnAuthorisationThatEndedAlone() {
		stubIntentCall("cancel", 400, "payment-intent-unexpected-state.json");
		stubRetrieve("payment-intent-canceled.json");

		assertThatNoException().isThrownBy(() -> this.provider.release(AUTHORISED_INTENT));
		stripe.verify(0, postRequestedFor(urlEqualTo("/v1/refunds")));
	}

	private static void stubIntentCall(String action, int status, String file) {
		stripe.stubFor(post(urlEqualTo("/v1/payment_intents/" + AUTHORISED_INTENT + "/" + action))
			.willReturn(aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withHeader("Request-Id", "req_recordedByHand")
				.withBody(json(file))));
	}

	private static void stubRetrieve(String file) {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + AUTHORISED_INTENT)).willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json(file))));
	}

	private static void stubPaymentIntents(int status, String file) {
		stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
			.withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
			.willReturn(aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withHeader("Request-Id", "req_recordedByHand")
				.withBody(json(file))));
	}

	static String json(String file) {
		try (InputStream in = StripePaymentProviderTests.class.getResourceAsStream("/stripe/" + file)) {
			if (in == null) {
				throw new IllegalArgumentException("No recorded response " + file);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
