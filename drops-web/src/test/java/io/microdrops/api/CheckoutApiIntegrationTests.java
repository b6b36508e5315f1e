package io.microdrops.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class CheckoutApiIntegrationTests {

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

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void reservesPaysAndListsTheOrderAsTheContractSays() throws Exception {
		String drop = openDrop(1, 1);
		String key = UUID.randomUUID().toString();
		String body = "{\"sku\":\"sku-" + drop + "\",\"quantity\":1}";

		String reservation = reserve(drop, body, key).andExpect(status().isCreated())
			.andExpect(jsonPath("$.editions[0]").value(1))
			.andExpect(jsonPath("$.expiresAt").exists())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = reservation.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		reserve(drop, body, key).andExpect(status().isCreated()).andExpect(jsonPath("$.id").value(id));
		reserve(drop, "{\"sku\":\"sku-" + drop + "\",\"quantity\":2}", key)
			.andExpect(status().isUnprocessableContent());

		pay(id, "4000000000000002").andExpect(status().isPaymentRequired())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		pay(id, "4242424242424242").andExpect(status().isCreated())
			.andExpect(jsonPath("$.number").value(org.hamcrest.Matchers.startsWith("D-")))
			.andExpect(jsonPath("$.status").value("PAID"))
			.andExpect(jsonPath("$.editions[0]").value(1))
			.andExpect(jsonPath("$.totalMinor").value(1900))
			.andExpect(jsonPath("$.currency").value("EUR"));
		this.mvc.perform(get("/api/v1/me/orders"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.drop == '" + drop + "')].editions[0]").value(1));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersSoldOutWith409AndTheLimitWith422() throws Exception {
		String drop = openDrop(1, 1);
		this.jdbc.update("update drop_units set reservation_id = gen_random_uuid() where drop_item_id in "
				+ "(select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?)", drop);
		reserve(drop, "{\"sku\":\"sku-" + drop + "\",\"quantity\":1}", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Sold out"));

		String roomy = openDrop(5, 1);
		reserve(roomy, "{\"sku\":\"sku-" + roomy + "\",\"quantity\":2}", null)
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.title").value("Over the per-fan limit"));

		// One left of three, two asked for: not sold out.
		String last = openDrop(3, 2);
		this.jdbc
			.update("update drop_units set reservation_id = gen_random_uuid() where edition <= 2 and drop_item_id in "
					+ "(select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?)", last);
		reserve(last, "{\"sku\":\"sku-" + last + "\",\"quantity\":2}", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/not-enough-left")))
			.andExpect(jsonPath("$.left").value(1));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersAReserveFromAClosedDropWith409DropClosed() throws Exception {
		String drop = openDrop(5, 1);
		this.drops.closeEarly(drop);
		reserve(drop, "{\"sku\":\"sku-" + drop + "\",\"quantity\":1}", UUID.randomUUID().toString())
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://microdrops.io/problems/drop-closed"))
			.andExpect(jsonPath("$.title").value("The drop is over"))
			.andExpect(jsonPath("$.detail").value("This drop's sales have closed; nothing was held."));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesToChargeAnotherTotalThanTheOneTheClientShowed() throws Exception {
		String drop = openDrop(5, 1);
		String id = reservedId(drop);
		this.jdbc.update("update skus set price_minor = 2400 where slug = ?", "sku-" + drop);
		String order = "{\"payment\":{\"cardNumber\":\"4242424242424242\"},"
				+ "\"fulfilment\":{\"method\":\"SHIPPING\",\"address\":\"2 Groove St, Leeds\"},\"shownTotal\":";

		payWith(id, order + "{\"totalMinor\":-1,\"currency\":\"EUR\"}}").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		payWith(id, order + "{\"totalMinor\":1900,\"currency\":\"EUR\"}}").andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://microdrops.io/problems/price-changed"))
			.andExpect(jsonPath("$.totalMinor").value(2400))
			.andExpect(jsonPath("$.currency").value("EUR"));
		payWith(id, order + "{\"totalMinor\":2400,\"currency\":\"EUR\"}}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.totalMinor").value(2400));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void givesUnitsBackAtOnceOnDelete() throws Exception {
		String drop = openDrop(1, 1);
		String id = reservedId(drop);

		this.mvc.perform(delete("/api/v1/reservations/" + id).with(csrf())).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/drops/" + drop)).andExpect(jsonPath("$.items[0].remaining").value(1));
		// Sent again, as a client that lost the first answer does: the same answer.
		this.mvc.perform(delete("/api/v1/reservations/" + id).with(csrf())).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/drops/" + drop)).andExpect(jsonPath("$.items[0].remaining").value(1));
		this.mvc.perform(delete("/api/v1/reservations/" + java.util.UUID.randomUUID()).with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	@WithUserDetails(value = TestAccounts.OTHER_FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void findsNoOtherFansReservation() throws Exception {
		String drop = openDrop(1, 1);
		UUID someoneElses = UUID.randomUUID();
		pay(someoneElses.toString(), "4242424242424242").andExpect(status().isNotFound());
		reserve(drop, "{\"sku\":\"no-such-sku\",\"quantity\":1}", null).andExpect(status().isNotFound());
		reserve(drop, "{\"sku\":\"sku-" + drop + "\",\"quantity\":0}", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("quantity"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersARetriedRefusalWithTheSameStatusAndBodyEvenAfterUnitsCameBack() throws Exception {
		String drop = openDrop(1, 1);
		String body = "{\"sku\":\"sku-" + drop + "\",\"quantity\":1}";
		String key = UUID.randomUUID().toString();
		this.jdbc.update("update drop_units set reservation_id = gen_random_uuid() where drop_item_id in "
				+ "(select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?)", drop);
		String first = reserve(drop, body, key).andExpect(status().isConflict())
			.andReturn()
			.getResponse()
			.getContentAsString();
		this.jdbc.update("update drop_units set reservation_id = null where drop_item_id in "
				+ "(select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?)", drop);

		reserve(drop, body, key).andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().json(first, JsonCompareMode.STRICT));
		reserve(drop, "{\"sku\":\"sku-" + drop + "\",\"quantity\":2}", key).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.title").value("Idempotency key reused"));
		// Units that came back behind this node's back (as on another node) are sold here
		// once its sold-out memory (a second) has passed.
		await().atMost(Duration.ofSeconds(10))
			.pollInSameThread()
			.untilAsserted(() -> reserve(drop, body, UUID.randomUUID().toString()).andExpect(status().isCreated()));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersARetriedOrderWithTheSameStatusAndBody() throws Exception {
		String drop = openDrop(1, 1);
		String id = reservedId(drop);
		String declinedKey = UUID.randomUUID().toString();

		String declined = pay(id, "4000000000000002", declinedKey).andExpect(status().isPaymentRequired())
			.andReturn()
			.getResponse()
			.getContentAsString();
		pay(id, "4000000000000002", declinedKey).andExpect(status().isPaymentRequired())
			.andExpect(content().json(declined, JsonCompareMode.STRICT));
		pay(id, "4242424242424242", declinedKey).andExpect(status().isUnprocessableContent());

		String paidKey = UUID.randomUUID().toString();
		String paid = pay(id, "4242424242424242", paidKey).andExpect(status().isCreated())
			.andExpect(jsonPath("$.paymentStatus").value("SUCCEEDED"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		pay(id, "4242424242424242", paidKey).andExpect(status().isCreated())
			.andExpect(content().json(paid, JsonCompareMode.STRICT));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAnIdempotencyKeyLongerThanAHundredCharacters() throws Exception {
		String drop = openDrop(1, 1);
		reserve(drop, "{\"sku\":\"sku-" + drop + "\",\"quantity\":1}", "k".repeat(101))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		pay(UUID.randomUUID().toString(), "4242424242424242", "k".repeat(101)).andExpect(status().isBadRequest());
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void namesTheFieldOfAValueOfTheWrongTypeAndAnIdThatIsNoUuid() throws Exception {
		this.mvc
			.perform(post("/api/v1/reservations/" + UUID.randomUUID() + "/order").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"payment\":{\"cardNumber\":\"4242\"},\"fulfilment\":{\"method\":\"TELEPORT\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid input"))
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment.method"))
			.andExpect(jsonPath("$.errors[0].message").value("must be one of PICKUP, LOCAL_DELIVERY, SHIPPING"));
		reserve("any", "{\"sku\":\"x\",\"quantity\":\"lots\"}", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("quantity"));
		reserve("any", "{\"sku\":", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid input"));
		this.mvc
			.perform(post("/api/v1/reservations/not-a-uuid/order").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("id"));
	}

	@Test
	void asksAnonymousCallersToSignIn() throws Exception {
		this.mvc
			.perform(post("/api/v1/drops/any/reservations").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"x\",\"quantity\":1}"))
			.andExpect(status().isUnauthorized());
		assertThat(this.mvc.perform(get("/api/v1/me/orders")).andReturn().getResponse().getStatus()).isEqualTo(401);
	}

	@Test
	void hasNoStripeWebhookWhileTheDemoProviderTakesPayments() throws Exception {
		this.mvc
			.perform(post("/api/v1/payments/stripe/webhook").contentType(MediaType.APPLICATION_JSON)
				.header("Stripe-Signature", "t=1,v1=00")
				.content("{}"))
			.andExpect(status().isNotFound());
	}

	private ResultActions reserve(String drop, String body, String key) throws Exception {
		var request = post("/api/v1/drops/" + drop + "/reservations").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return this.mvc.perform(request);
	}

	private ResultActions pay(String reservation, String card) throws Exception {
		return pay(reservation, card, null);
	}

	private ResultActions pay(String reservation, String card, String key) throws Exception {
		var request = post("/api/v1/reservations/" + reservation + "/order").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"payment\":{\"cardNumber\":\"" + card
					+ "\"},\"fulfilment\":{\"method\":\"SHIPPING\",\"address\":\"2 Groove St, Leeds\"}}");
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return this.mvc.perform(request);
	}

	/** Reserves one unit of the drop's SKU and returns the reservation's id. */
	private String reservedId(String drop) throws Exception {
		return reserve(drop, "{\"sku\":\"sku-" + drop + "\",\"quantity\":1}", null).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
	}

	private ResultActions payWith(String reservation, String body) throws Exception {
		return this.mvc.perform(post("/api/v1/reservations/" + reservation + "/order").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private String openDrop(int quantity, int perFanLimit) {
		String slug = "api-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("API " + slug, "API tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Slipmat", Money.of(1900, "EUR"), null, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), AccessMode.FIRST_COME,
						new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofMinutes(1)),
								now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), quantity, perFanLimit))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}
