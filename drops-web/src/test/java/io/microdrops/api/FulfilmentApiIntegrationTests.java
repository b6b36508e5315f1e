package io.microdrops.api;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.fulfilment.AllocationManagement;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubDetails;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.OpeningWindow;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
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
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The order call's {@code fulfilment} field: checked against hubs, allocations, pickup
 * days and delivery areas, refused as problem details naming the field.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FulfilmentApiIntegrationTests {

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
	HubManagement hubs;

	@Autowired
	AllocationManagement allocations;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAnUnknownHubAnAddressOutsideEveryAreaAndAHubWithoutUnitsNamingTheField() throws Exception {
		Hub hub = hub("LS1, LS6");
		Hub other = hub(null);
		String drop = openDrop();
		this.allocations.allocate(drop, this.drops.require(drop).items().getFirst().id(),
				Map.of(hub.slug(), 10, other.slug(), 0));
		String reservation = reserve(drop);

		order(reservation, "{\"method\":\"PICKUP\",\"hub\":\"no-such-hub\"}").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment.hub"))
			.andExpect(jsonPath("$.errors[0].message").value("There is no open hub called \"no-such-hub\"."));
		order(reservation, "{\"method\":\"PICKUP\",\"hub\":\"" + other.slug() + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment.hub"))
			.andExpect(jsonPath("$.detail").value(other.name()
					+ " has no units of this item left. Please choose another hub, local delivery or shipping."));
		order(reservation, "{\"method\":\"LOCAL_DELIVERY\",\"address\":\"1 Far Lane\",\"postcode\":\"ZZ9 9ZZ\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment.postcode"));
		order(reservation, "{\"method\":\"LOCAL_DELIVERY\",\"address\":\"1 Hyde Park Rd\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment.postcode"));
		order(reservation, "{\"method\":\"SHIPPING\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment"));
		order(reservation, "{\"method\":\"SHIPPING\",\"address\":\"" + "x".repeat(501) + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment.address"));
		for (String notAnAddress : new String[] { "x", "1234 5678", "Flat" }) {
			order(reservation, "{\"method\":\"SHIPPING\",\"address\":\"" + notAnAddress + "\"}")
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("fulfilment.address"))
				.andExpect(jsonPath("$.detail")
					.value("Please enter the full address: the street and number, the town and the postcode."));
		}
		order(reservation, "{\"method\":\"PICKUP\",\"hub\":\"" + hub.slug() + "\",\"day\":\"2020-01-01\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment.day"));
		order(reservation, "{\"method\":\"PICKUP\",\"hub\":\"" + hub.slug() + "\",\"day\":\"yesterday\"}")
			.andExpect(status().isBadRequest());
		assertThat(this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?", Long.class,
				UUID.fromString(reservation)))
			.isZero();

		order(reservation,
				"{\"method\":\"LOCAL_DELIVERY\",\"address\":\"1 Hyde Park Rd, Leeds\",\"postcode\":\"LS6 1AB\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.fulfilment").value("LOCAL_DELIVERY"));
		assertThat(this.allocations.allocationOf(drop).items().getFirst().share(hub.slug()).taken()).isEqualTo(1);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void theOrderAnswerNamesTheDayItIsDeliveredOnAndALocalDeliveryNamingAnotherDayIsRefused() throws Exception {
		String area = "YQ" + ThreadLocalRandom.current().nextInt(10, 100);
		Hub hub = hub(area);
		String reservation = reserve(openDrop());
		String delivery = "{\"method\":\"LOCAL_DELIVERY\",\"address\":\"1 Test Row\",\"postcode\":\"" + area + " 1AB\"";

		order(reservation, delivery + ",\"day\":\"2020-01-01\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment.day"))
			.andExpect(jsonPath("$.detail").value(startsWith(hub.name() + " delivers this order on ")));
		assertThat(this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?", Long.class,
				UUID.fromString(reservation)))
			.isZero();

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String placed = order(reservation, delivery + "}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.delivery.status").value("PENDING"))
			.andExpect(jsonPath("$.delivery.hub").value(hub.slug()))
			.andExpect(jsonPath("$.delivery.hubName").value(hub.name()))
			.andExpect(jsonPath("$.delivery.slotStarts").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String order = JsonPath.read(placed, "$.id");
		LocalDate day = LocalDate.parse(JsonPath.read(placed, "$.delivery.day"));
		// Same day before 23:59 (UTC), else the next.
		assertThat(day).isBetween(today, today.plusDays(1));
		// The hub's fulfilment order has the day the answer named; the orders list reads
		// it from there.
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(this.jdbc.queryForList("select day from fulfilment_orders where order_id = ?",
							LocalDate.class, UUID.fromString(order)))
						.containsExactly(day));
		this.mvc.perform(get("/api/v1/me/orders"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == '" + order + "')].delivery.day").value(day.toString()))
			.andExpect(jsonPath("$[?(@.id == '" + order + "')].delivery.hub").value(hub.slug()));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void theOrderAnswerNamesThePickupSlotAndARetryGetsTheSameAnswer() throws Exception {
		Hub hub = hub(null);
		String reservation = reserve(openDrop());
		String pickup = "{\"method\":\"PICKUP\",\"hub\":\"" + hub.slug() + "\"}";
		String key = UUID.randomUUID().toString();

		String first = order(reservation, pickup, key).andExpect(status().isCreated())
			.andExpect(jsonPath("$.fulfilment").value("PICKUP"))
			.andExpect(jsonPath("$.delivery.hub").value(hub.slug()))
			.andExpect(jsonPath("$.delivery.hubAddress").value("1 Counter Street"))
			.andExpect(jsonPath("$.delivery.day").isNotEmpty())
			.andExpect(jsonPath("$.delivery.slotStarts").value(org.hamcrest.Matchers.matchesPattern("\\d\\d:\\d\\d")))
			.andExpect(jsonPath("$.delivery.slotEnds").value(org.hamcrest.Matchers.matchesPattern("\\d\\d:\\d\\d")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		// Retried with its key at once, before or after the hub has the order: the same
		// answer.
		order(reservation, pickup, key).andExpect(status().isCreated())
			.andExpect(content().json(first, JsonCompareMode.STRICT));
	}

	@Test
	void listsTheHubsCheckoutOffers() throws Exception {
		Hub hub = hub("M1, M4");

		this.mvc.perform(get("/api/v1/hubs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.slug == '" + hub.slug() + "')].deliveryPostcodes[1]").value("M4"))
			.andExpect(jsonPath("$[?(@.slug == '" + hub.slug() + "')].openingHours.MONDAY").value("00:00-23:59"));
	}

	private Hub hub(String postcodes) {
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, new OpeningWindow(LocalTime.MIN, LocalTime.of(23, 59)));
		}
		return this.hubs
			.create(new HubDetails(TestDrops.unique("hub"), "Hub " + UUID.randomUUID().toString().substring(0, 6),
					"1 Counter Street", "UTC", null, null, 50, 60, postcodes, null, LocalTime.of(23, 59), true, hours));
	}

	private String openDrop() {
		Instant now = Instant.now();
		return TestDrops.drop(this.communities, this.catalog, this.drops, "API fulfilment", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
	}

	private String reserve(String drop) throws Exception {
		String sku = this.jdbc.queryForObject("select slug from skus where id = ?", String.class,
				this.drops.require(drop).items().getFirst().sku().value());
		String body = this.mvc
			.perform(post("/api/v1/drops/" + drop + "/reservations").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"" + sku + "\",\"quantity\":1}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
	}

	private ResultActions order(String reservation, String fulfilment) throws Exception {
		return order(reservation, fulfilment, null);
	}

	private ResultActions order(String reservation, String fulfilment, String key) throws Exception {
		var request = post("/api/v1/reservations/" + reservation + "/order").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"payment\":{\"cardNumber\":\"4242424242424242\"},\"fulfilment\":" + fulfilment + "}");
		return this.mvc.perform((key != null) ? request.header("Idempotency-Key", key) : request);
	}

}
