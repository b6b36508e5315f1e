package io.microdrops.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.jayway.jsonpath.JsonPath;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestPreorders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pre-orders in pages and on the API with the shop set up for Stripe, whose API a local
 * stub plays with recorded payloads: the form says the amount is authorised now, a
 * declined authorisation is shown next to the card (page) or answered 402 (API) with
 * nothing written, and an approved one is recorded with the pre-order.
 */
@SpringBootTest(properties = { "drops.payments.provider=stripe", "drops.payments.stripe.secret-key=sk_test_drops" })
@AutoConfigureMockMvc
class StripePreordersIntegrationTests {

	static final String CARD = "pm_card_visa";

	@RegisterExtension
	static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void stripeApi(DynamicPropertyRegistry registry) {
		registry.add("drops.payments.stripe.api-base", stripe::baseUrl);
	}

	@Autowired
	MockMvc mvc;

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

	Instant now;

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsADeclinedAuthorisationNextToTheCardAndKeepsNothing() throws Exception {
		String slug = drop();
		stubCreate(402, "card-declined-insufficient-funds.json");

		this.mvc.perform(get("/drops/" + slug + "/preorder"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The amount is authorised on your card now")));
		this.mvc
			.perform(post("/drops/" + slug + "/preorder").with(csrf())
				.param("sku", "sku-" + slug)
				.param("quantity", "2")
				.param("cardNumber", CARD)
				.param("method", "SHIPPING")
				.param("address", "1 Test Street, Leeds"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"cardNumber-error\""),
					containsString("Your card was not authorised: Your card has insufficient funds."),
					containsString("Nothing was pre-ordered."))));

		assertThat(preordersOf(slug)).isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersADeclinedAuthorisationWith402AndKeepsNothing() throws Exception {
		String slug = drop();
		stubCreate(402, "card-declined-insufficient-funds.json");

		place(slug).andExpect(status().isPaymentRequired())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://microdrops.io/problems/payment-declined"))
			.andExpect(jsonPath("$.detail").value(containsString("insufficient funds")));

		assertThat(preordersOf(slug)).isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void recordsAnApprovedAuthorisationWithThePreorder() throws Exception {
		String slug = drop();
		stubCreate(200, "payment-intent-requires-capture.json");
		stripe.stubFor(WireMock.post(urlMatching("/v1/payment_intents/[^/]+/cancel"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(recorded("payment-intent-canceled.json"))));

		String id = JsonPath.read(place(slug).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("PENDING"))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");

		assertThat(this.jdbc.queryForObject(
				"select authorisation || ' ' || authorised_minor || ' ' || authorisation_status from preorders "
						+ "where id = ?::uuid",
				String.class, id))
			.isEqualTo("pi_3QdropsAuthorised0001 2900 AUTHORISED");
		stripe.verify(1,
				postRequestedFor(urlEqualTo("/v1/payment_intents"))
					.withHeader("Idempotency-Key", equalTo("preorder-" + id + "-authorise"))
					.withFormParam("capture_method", equalTo("manual"))
					.withFormParam("metadata[preorder_id]", equalTo(id)));
		// Withdrawn, so no later test meets a pending pre-order holding a stub's
		// authorisation.
		this.mvc.perform(delete("/api/v1/preorders/" + id).with(csrf())).andExpect(status().isNoContent());
	}

	private ResultActions place(String slug) throws Exception {
		return this.mvc.perform(post("/api/v1/drops/" + slug + "/preorders").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"sku\": \"sku-" + slug + "\", \"quantity\": 2, \"payment\": {\"cardNumber\": \"" + CARD
					+ "\"}, \"fulfilment\": {\"method\": \"SHIPPING\", \"address\": \"1 Test Street, Leeds\"}}"));
	}

	private long preordersOf(String slug) {
		return this.jdbc.queryForObject(
				"select count(*) from preorders p join drops d on d.id = p.drop_id where d.slug = ?", Long.class, slug);
	}

	private String drop() {
		return TestPreorders.drop(this.communities, this.catalog, this.drops, TestPreorders.community(this.communities),
				TestPreorders.timeline(this.now), TestPreorders.deadline(this.now), 10, 2, 3);
	}

	private static void stubCreate(int status, String file) {
		stripe.stubFor(WireMock.post(urlEqualTo("/v1/payment_intents"))
			.willReturn(aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody(recorded(file))));
	}

	private static String recorded(String file) {
		try (InputStream in = StripePreordersIntegrationTests.class.getResourceAsStream("/stripe/" + file)) {
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
