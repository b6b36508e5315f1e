package io.microdrops.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.FairnessRules;
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
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class FairnessProblemsIntegrationTests {

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
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersAnOrderWithACardThatBoughtTheLimitWithIdentityCap409() throws Exception {
		String drop = openDrop(new FairnessRules(true, false, false, null, false, null, null));
		AccountId other = new AccountId(this.jdbc.queryForObject("select id from accounts where email = ?", UUID.class,
				TestAccounts.OTHER_FAN));
		Reservation theirs = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, other, null));
		this.orders.placeOrder(new PlaceOrder(theirs.id(), other, "4242424242424242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "5 Other Road")));
		String hold = this.mvc
			.perform(post("/api/v1/drops/" + drop + "/reservations").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"sku-" + drop + "\",\"quantity\":1}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

		this.mvc
			.perform(post("/api/v1/reservations/" + hold + "/order").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"payment\":{\"cardNumber\":\"4242 4242 4242 4242\"},"
						+ "\"fulfilment\":{\"method\":\"SHIPPING\",\"address\":\"2 Groove St, Leeds\"}}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://microdrops.io/problems/identity-cap"))
			.andExpect(jsonPath("$.identity").value("card"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("This card has already bought")));
		assertThat(this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?::uuid", Long.class,
				hold))
			.isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersAReservationFromAnAccountYoungerThanTheDropAsksWithAccountRequirement403() throws Exception {
		String drop = openDrop(
				new FairnessRules(false, false, false, null, false, FairnessRules.MAX_ACCOUNT_AGE_DAYS, null));

		this.mvc
			.perform(post("/api/v1/drops/" + drop + "/reservations").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"sku-" + drop + "\",\"quantity\":1}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://microdrops.io/problems/account-requirement"))
			.andExpect(jsonPath("$.requirement").value("min-account-age"));
	}

	private String openDrop(FairnessRules rules) {
		String slug = "fair-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("Fair " + slug, "Fairness tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Slipmat", Money.of(1900, "EUR"), null, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug, new DropPlan(
				"Drop " + slug, community.id(), AccessMode.FIRST_COME, new Timeline(now.minus(Duration.ofHours(2)),
						null, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1))),
				10, null, List.of(new NewDropItem(sku.id(), 5, 1))));
		this.drops.changeFairness(slug, rules);
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}
