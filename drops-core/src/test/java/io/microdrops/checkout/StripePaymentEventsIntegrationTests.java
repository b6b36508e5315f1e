package io.microdrops.checkout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stripe's webhooks keeping orders' payment status current, with the shop set up for
 * Stripe and Stripe's API played by a local stub answering with recorded, Stripe-shaped
 * payloads. Each test pays with a PaymentIntent id of its own.
 */
@SpringBootTest(properties = { "drops.payments.provider=stripe", "drops.payments.stripe.secret-key=sk_test_drops",
		"drops.payments.stripe.webhook-secret=" + StripePaymentEventsIntegrationTests.SECRET })
class StripePaymentEventsIntegrationTests {

	static final String SECRET = "whsec_drops_events_test";

	static final String RECORDED_INTENT = "pi_3QdropsSucceeded0001";

	@RegisterExtension
	static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void stripeApi(DynamicPropertyRegistry registry) {
		registry.add("drops.payments.stripe.api-base", stripe::baseUrl);
	}

	@Autowired
	StripeWebhooks webhooks;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	CheckoutFixtures fixtures;

	String intent;

	@BeforeEach
	void fixtures() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
		this.intent = "pi_" + UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void confirmsAPaidOrderWhenStripeReportsThePaymentSucceeded() {
		Order order = paidOrder();
		stubIntent(0, 200);

		StripeWebhooks.Outcome outcome = receive(signed("event-payment-intent-succeeded.json", "evt_ok"));

		assertThat(outcome).isEqualTo(StripeWebhooks.Outcome.UNCHANGED);
		assertThat(paymentStatus(order)).isEqualTo("SUCCEEDED");
		assertThat(this.jdbc.queryForObject("select payment_confirmed_at is not null from orders where id = ?",
				Boolean.class, order.id()))
			.isTrue();
	}

	@Test
	void marksTheOrderRefundedOnceAndARedeliveredEventChangesNothing() {
		Order order = paidOrder();
		stubIntent(3000, 200);
		String refunded = signed("event-charge-refunded.json", "evt_refund");

		assertThat(receive(refunded)).isEqualTo(StripeWebhooks.Outcome.APPLIED);
		Object updatedAt = this.jdbc.queryForObject("select payment_updated_at from orders where id = ?", Object.class,
				order.id());
		assertThat(receive(refunded)).isEqualTo(StripeWebhooks.Outcome.DUPLICATE);

		assertThat(paymentStatus(order)).isEqualTo("REFUNDED");
		assertThat(this.orders.find(order.id(), order.fan()))
			.hasValueSatisfying(found -> assertThat(found.paymentStatus()).isEqualTo(Order.PaymentStatus.REFUNDED));
		assertThat(this.jdbc.queryForObject("select payment_updated_at from orders where id = ?", Object.class,
				order.id()))
			.isEqualTo(updatedAt);
		stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + this.intent)));
	}

	@Test
	void keepsARefundWhenTheSucceededEventArrivesLate() {
		Order order = paidOrder();
		stubIntent(3000, 200);
		receive(signed("event-charge-refunded.json", "evt_refund_first"));

		StripeWebhooks.Outcome late = receive(signed("event-payment-intent-succeeded.json", "evt_late_success"));

		assertThat(late).isEqualTo(StripeWebhooks.Outcome.UNCHANGED);
		assertThat(paymentStatus(order)).isEqualTo("REFUNDED");
	}

	@Test
	void marksAPartRefund() {
		Order order = paidOrder();
		stubIntent(1000, 200);

		assertThat(receive(signed("event-charge-refunded.json", "evt_part"))).isEqualTo(StripeWebhooks.Outcome.APPLIED);

		assertThat(paymentStatus(order)).isEqualTo("PARTIALLY_REFUNDED");
	}

	@Test
	void recordsAFailedPaymentThatBecameNoOrderWithoutAskingStripe() {
		String payload = StripePaymentProviderTests.json("event-payment-intent-payment-failed.json")
			.replace("pi_3QdropsFailed00001", this.intent)
			.replace("evt_3QdropsFailed00001", "evt_failed_" + this.intent);

		assertThat(receive(sign(payload))).isEqualTo(StripeWebhooks.Outcome.NO_ORDER);

		stripe.verify(0, getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + this.intent)));
		assertThat(this.jdbc.queryForObject("select count(*) from stripe_events where payment_intent = ?", Long.class,
				this.intent))
			.isEqualTo(1);
	}

	@Test
	void refusesAnEventWithABadSignatureAndRecordsNothing() {
		Order order = paidOrder();
		stubIntent(3000, 200);
		String payload = payload("event-charge-refunded.json", "evt_forged");
		String forged = "t=" + Instant.now().getEpochSecond() + ",v1=" + hmac(Instant.now(), payload, "whsec_forger");

		assertThatThrownBy(() -> this.webhooks.receive(payload, forged))
			.isInstanceOf(InvalidWebhookSignatureException.class);

		assertThat(paymentStatus(order)).isEqualTo("SUCCEEDED");
		assertThat(this.jdbc.queryForObject("select count(*) from stripe_events where payment_intent = ?", Long.class,
				this.intent))
			.isZero();
	}

	@Test
	void leavesTheEventForStripeToSendAgainWhileItsApiFails() {
		Order order = paidOrder();
		stubIntent(3000, 500);
		String refunded = signed("event-charge-refunded.json", "evt_retry");

		assertThatThrownBy(() -> receive(refunded)).isInstanceOf(PaymentUnavailableException.class);
		assertThat(paymentStatus(order)).isEqualTo("SUCCEEDED");

		stubIntent(3000, 200);
		assertThat(receive(refunded)).isEqualTo(StripeWebhooks.Outcome.APPLIED);
		assertThat(paymentStatus(order)).isEqualTo("REFUNDED");
	}

	private Order paidOrder() {
		stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(StripePaymentProviderTests.json("payment-intent-succeeded.json")
				.replace(RECORDED_INTENT, this.intent))));
		String drop = this.fixtures.openDrop(10, 2, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, fan, null));
		return this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "pm_card_visa",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Groove St, Leeds")));
	}

	/** Stripe's API answering where the intent stands, with this much refunded. */
	private void stubIntent(long refunded, int status) {
		String body = (status == 200)
				? StripePaymentProviderTests.json("payment-intent-with-charge.json")
					.replace(RECORDED_INTENT, this.intent)
					.replace("\"amount_refunded\": 0", "\"amount_refunded\": " + refunded)
					.replace("\"refunded\": false", "\"refunded\": " + (refunded >= 3000))
				: StripePaymentProviderTests.json("api-error.json");
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + this.intent))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private StripeWebhooks.Outcome receive(String signedPayload) {
		int split = signedPayload.indexOf('\n');
		return this.webhooks.receive(signedPayload.substring(split + 1), signedPayload.substring(0, split));
	}

	/** A recorded event about this test's intent, with its own event id. */
	private String payload(String file, String eventId) {
		return StripePaymentProviderTests.json(file)
			.replace(RECORDED_INTENT, this.intent)
			.replaceFirst("\"id\": \"evt_[A-Za-z0-9]+\"", "\"id\": \"" + eventId + "_" + this.intent + "\"");
	}

	/** The signature header, a line break, then the payload. */
	private String signed(String file, String eventId) {
		return sign(payload(file, eventId));
	}

	private static String sign(String payload) {
		Instant now = Instant.now();
		return "t=" + now.getEpochSecond() + ",v1=" + hmac(now, payload, SECRET) + "\n" + payload;
	}

	private static String hmac(Instant at, String payload, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return java.util.HexFormat.of()
				.formatHex(mac.doFinal((at.getEpochSecond() + "." + payload).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String paymentStatus(Order order) {
		return this.jdbc.queryForObject("select payment_status from orders where id = ?", String.class, order.id());
	}

}
