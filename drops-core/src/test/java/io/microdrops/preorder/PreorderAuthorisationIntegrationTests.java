package io.microdrops.preorder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.preorder.PreorderRefusedException.Reason;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.microdrops.preorder.PreorderFixtures.preorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pre-orders with the shop set up for Stripe, whose API a local stub plays with recorded,
 * Stripe-shaped payloads: the amount is authorised when a fan pre-orders, captured when
 * the drop reaches its threshold, and released when it misses it or the fan withdraws; a
 * declined authorisation writes nothing, and retries never authorise or capture twice.
 */
@SpringBootTest(properties = { "drops.payments.provider=stripe", "drops.payments.stripe.secret-key=sk_test_drops" })
@Import(PreorderIntegrationTests.Setup.class)
class PreorderAuthorisationIntegrationTests {

	static final Instant NOW = PreorderIntegrationTests.NOW;

	static final String RECORDED_INTENT = "pi_3QdropsAuthorised0001";

	static final String CARD = "pm_card_visa";

	@RegisterExtension
	static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void stripeApi(DynamicPropertyRegistry registry) {
		registry.add("drops.payments.stripe.api-base", stripe::baseUrl);
	}

	@Autowired
	PreorderManagement preorders;

	@Autowired
	PreorderJob job;

	@Autowired
	OrderManagement orders;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	PreorderFixtures fixtures;

	String intent;

	@BeforeEach
	void setUp() {
		settleEverything();
		this.clock.set(NOW);
		this.fixtures = new PreorderFixtures(this.accounts, this.communities, this.catalog, this.drops);
		this.intent = "pi_" + UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void authorisesPriceTimesQuantityWithoutCapturingWhenAFanPreorders() {
		String drop = this.fixtures.drop(NOW, 10, 2, 4);
		AccountId fan = this.fixtures.fan();
		stubCreate(200, "payment-intent-requires-capture.json");

		Preorder placed = this.preorders.place(preorder(drop, fan, 2, CARD)).preorder();

		assertThat(placed.status()).isEqualTo(PreorderStatus.PENDING);
		assertThat(authorisation(placed.id())).isEqualTo(this.intent + " 4900 AUTHORISED");
		stripe.verify(1,
				postRequestedFor(urlEqualTo("/v1/payment_intents"))
					.withHeader("Idempotency-Key", equalTo("preorder-" + placed.id() + "-authorise"))
					.withFormParam("amount", equalTo("4900"))
					.withFormParam("currency", equalTo("gbp"))
					.withFormParam("payment_method", equalTo(CARD))
					.withFormParam("capture_method", equalTo("manual"))
					.withFormParam("confirm", equalTo("true"))
					.withFormParam("metadata[preorder_id]", equalTo(placed.id().toString())));
	}

	@Test
	void capturesTheAuthorisationAndPlacesTheOrderWhenTheThresholdIsReached() {
		String drop = this.fixtures.drop(NOW, 10, 2, 2);
		AccountId fan = this.fixtures.fan();
		stubCreate(200, "payment-intent-requires-capture.json");
		UUID placed = this.preorders.place(preorder(drop, fan, 2, CARD)).preorder().id();
		stubIntentCall("capture", 200, "payment-intent-captured.json");

		this.clock.set(PreorderFixtures.deadline(NOW));
		PreorderJob.Report report = this.job.settleDue();

		assertThat(report).isEqualTo(new PreorderJob.Report(1, 1, 0, 1, 0));
		assertThat(this.preorders.find(placed, fan))
			.hasValueSatisfying(preorder -> assertThat(preorder.status()).isEqualTo(PreorderStatus.ORDERED));
		assertThat(authorisation(placed)).isEqualTo(this.intent + " 4900 CAPTURED");
		Order order = this.orders.ordersOf(fan).getFirst();
		assertThat(order.totalMinor()).isEqualTo(4900);
		assertThat(
				this.jdbc.queryForObject("select payment_reference from orders where id = ?", String.class, order.id()))
			.isEqualTo(this.intent);
		stripe.verify(1,
				postRequestedFor(urlEqualTo("/v1/payment_intents/" + this.intent + "/capture"))
					.withHeader("Idempotency-Key", equalTo("capture-" + this.intent))
					.withFormParam("amount_to_capture", equalTo("4900")));
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents")));
	}

	@Test
	void cancelsTheAuthorisationWhenTheThresholdIsMissed() {
		String drop = this.fixtures.drop(NOW, 10, 2, 5);
		AccountId fan = this.fixtures.fan();
		stubCreate(200, "payment-intent-requires-capture.json");
		UUID placed = this.preorders.place(preorder(drop, fan, 2, CARD)).preorder().id();
		stubIntentCall("cancel", 200, "payment-intent-canceled.json");

		this.clock.set(PreorderFixtures.deadline(NOW));
		PreorderJob.Report report = this.job.settleDue();

		assertThat(report).isEqualTo(new PreorderJob.Report(1, 0, 0, 0, 1));
		assertThat(this.preorders.find(placed, fan))
			.hasValueSatisfying(preorder -> assertThat(preorder.status()).isEqualTo(PreorderStatus.VOIDED));
		assertThat(authorisation(placed)).isEqualTo(this.intent + " 4900 RELEASED");
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents/" + this.intent + "/cancel"))
			.withHeader("Idempotency-Key", equalTo("cancel-" + this.intent)));
		stripe.verify(0, postRequestedFor(urlEqualTo("/v1/payment_intents/" + this.intent + "/capture")));
		assertThat(this.job.settleDue()).as("released once").isEqualTo(new PreorderJob.Report(0, 0, 0, 0, 0));
	}

	@Test
	void releasesTheAuthorisationOfAWithdrawnPreorder() {
		String drop = this.fixtures.drop(NOW, 10, 2, 5);
		AccountId fan = this.fixtures.fan();
		stubCreate(200, "payment-intent-requires-capture.json");
		UUID placed = this.preorders.place(preorder(drop, fan, 1, CARD)).preorder().id();
		stubIntentCall("cancel", 200, "payment-intent-canceled.json");

		this.preorders.cancel(placed, fan);
		PreorderJob.Report report = this.job.settleDue();

		assertThat(report.released()).isEqualTo(1);
		assertThat(authorisation(placed)).isEqualTo(this.intent + " 2450 RELEASED");
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents/" + this.intent + "/cancel")));
	}

	@Test
	void writesNothingWhenTheAuthorisationIsDeclined() {
		String drop = this.fixtures.drop(NOW, 10, 2, 4);
		AccountId fan = this.fixtures.fan();
		stubCreate(402, "card-declined-insufficient-funds.json");

		assertThatExceptionOfType(PreorderRefusedException.class)
			.isThrownBy(() -> this.preorders.place(preorder(drop, fan, 2, CARD)))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.PAYMENT_DECLINED);
				assertThat(ex.detail()).isEqualTo("Your card has insufficient funds. Try another card.");
			});

		assertThat(this.jdbc.queryForObject("select count(*) from preorders where account_id = ?", Long.class,
				fan.value()))
			.isZero();
		assertThat(this.preorders.progress(drop).orElseThrow().units()).isZero();
	}

	@Test
	void authorisesOnceWhenTheFanPreordersAgain() {
		String drop = this.fixtures.drop(NOW, 10, 2, 4);
		AccountId fan = this.fixtures.fan();
		stubCreate(200, "payment-intent-requires-capture.json");

		PlacedPreorder first = this.preorders.place(preorder(drop, fan, 2, CARD));
		PlacedPreorder again = this.preorders.place(preorder(drop, fan, 2, CARD));

		assertThat(again.alreadyPlaced()).isTrue();
		assertThat(again.preorder().id()).isEqualTo(first.preorder().id());
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents")));
	}

	@Test
	void capturesUnderTheSameKeyWhenACaptureIsRetriedAfterAnOutage() {
		String drop = this.fixtures.drop(NOW, 10, 2, 2);
		AccountId fan = this.fixtures.fan();
		stubCreate(200, "payment-intent-requires-capture.json");
		UUID placed = this.preorders.place(preorder(drop, fan, 2, CARD)).preorder().id();
		String capture = "/v1/payment_intents/" + this.intent + "/capture";
		stripe.stubFor(post(urlEqualTo(capture)).inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withHeader("Stripe-Should-Retry", "false")
				.withBody(recorded("api-error.json")))
			.willSetStateTo("back"));
		stripe.stubFor(post(urlEqualTo(capture)).inScenario("outage")
			.whenScenarioStateIs("back")
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(json("payment-intent-captured.json"))));

		this.clock.set(PreorderFixtures.deadline(NOW));
		assertThat(this.job.settleDue()).isEqualTo(new PreorderJob.Report(1, 0, 0, 0, 0));
		assertThat(this.orders.ordersOf(fan)).isEmpty();
		this.clock.advance(PreorderSettlement.FIRST_RETRY);
		assertThat(this.job.settleDue()).isEqualTo(new PreorderJob.Report(0, 1, 0, 1, 0));

		assertThat(this.orders.ordersOf(fan)).hasSize(1);
		assertThat(authorisation(placed)).isEqualTo(this.intent + " 4900 CAPTURED");
		stripe.verify(2,
				postRequestedFor(urlEqualTo(capture)).withHeader("Idempotency-Key", equalTo("capture-" + this.intent)));
	}

	@Test
	void refusesPreordersWhoseDeadlineIsBeyondTheAuthorisationWindow() {
		String drop = this.fixtures.drop(NOW, 10, 2, 4, Duration.ofDays(10));
		AccountId fan = this.fixtures.fan();

		assertThatExceptionOfType(PreorderRefusedException.class)
			.isThrownBy(() -> this.preorders.place(preorder(drop, fan, 1, CARD)))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_EARLY));
		assertThat(this.preorders.authorisationOpensAt(this.drops.require(drop)))
			.contains(NOW.plus(Duration.ofDays(4)));
		stripe.verify(0, postRequestedFor(urlEqualTo("/v1/payment_intents")));

		this.clock.set(NOW.plus(Duration.ofDays(4)));
		stubCreate(200, "payment-intent-requires-capture.json");
		assertThat(this.preorders.place(preorder(drop, fan, 1, CARD)).preorder().status())
			.isEqualTo(PreorderStatus.PENDING);
	}

	@AfterEach
	void tearDown() {
		settleEverything();
	}

	/**
	 * Settles what earlier tests (of this class or another on the shared database) left
	 * open, with Stripe approving whatever is asked, so each test's runs report only its
	 * own drop and no other test meets an authorisation of this one.
	 */
	private void settleEverything() {
		stripe.stubFor(post(urlMatching("/v1/payment_intents/[^/]+/cancel")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(recorded("payment-intent-canceled.json"))));
		stripe.stubFor(post(urlMatching("/v1/payment_intents/[^/]+/capture")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(recorded("payment-intent-captured.json"))));
		stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(402)
			.withHeader("Content-Type", "application/json")
			.withBody(recorded("card-declined-insufficient-funds.json"))));
		this.clock.set(NOW.plus(Duration.ofDays(30)));
		this.job.settleDue();
		this.job.settleDue();
		stripe.resetAll();
	}

	private String authorisation(UUID preorder) {
		return this.jdbc.queryForObject(
				"select authorisation || ' ' || authorised_minor || ' ' || authorisation_status from preorders where id = ?",
				String.class, preorder);
	}

	private void stubCreate(int status, String file) {
		stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(
				aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json(file))));
	}

	private void stubIntentCall(String action, int status, String file) {
		stripe.stubFor(post(urlEqualTo("/v1/payment_intents/" + this.intent + "/" + action)).willReturn(
				aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json(file))));
	}

	/** A recorded response about this test's PaymentIntent. */
	private String json(String file) {
		return recorded(file).replace(RECORDED_INTENT, this.intent);
	}

	private static String recorded(String file) {
		try (InputStream in = PreorderAuthorisationIntegrationTests.class.getResourceAsStream("/stripe/" + file)) {
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
