package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.account.IssuedApiToken;
import io.microdrops.analytics.Engagements;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityManagement;
import io.microdrops.draw.DrawManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.drop.Timeline;
import io.microdrops.preorder.PlacePreorder;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.recognition.Recognition;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
import io.microdrops.web.TestPreorders;
import com.jayway.jsonpath.JsonPath;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Download my data": the signed-in fan's account, communities, waitlists, holds, orders,
 * pre-orders, API token metadata and engagement events in one JSON file, with no secret
 * in it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FanDataIntegrationTests {

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
	PreorderManagement preorders;

	@Autowired
	ApiTokenManagement tokens;

	@Autowired
	Engagements engagements;

	/** Which part of the download holds each table's rows. */
	static final Map<String, String> EXPORTED = Map.ofEntries(Map.entry("account_roles", "account.roles"),
			Map.entry("api_tokens", "apiTokens"), Map.entry("community_members", "communities"),
			Map.entry("waitlist_entries", "waitlists"), Map.entry("sku_notify_requests", "notifyMe"),
			Map.entry("draw_entries", "drawEntries"), Map.entry("draw_offers", "drawEntries"),
			Map.entry("reservations", "reservations"), Map.entry("orders", "orders"),
			Map.entry("fulfilment_orders", "orders"), Map.entry("preorders", "preorders"),
			Map.entry("collector_profiles", "collectorProfile"), Map.entry("mail_outbox", "mails"),
			Map.entry("analytics_orders", "engagementEvents"), Map.entry("analytics_reservations", "engagementEvents"),
			Map.entry("analytics_story_views", "engagementEvents"), Map.entry("waiting_room_entries", "waitingRooms"),
			Map.entry("early_access_codes", "earlyAccessCodes"), Map.entry("follow_ups", "followUps"),
			Map.entry("second_chance_offers", "secondChances"));

	/** Tables with an account_id whose rows tell nothing about the person, and why. */
	static final Map<String, String> NOT_PERSONAL = Map.ofEntries(
			Map.entry("email_confirmations", "hashes of single-use link tokens: secrets, not data about the fan"),
			Map.entry("password_resets", "hashes of single-use link tokens"),
			Map.entry("email_changes", "pending address changes: the new address is shown when confirming it"),
			Map.entry("recovery_codes", "hashes of recovery codes: secrets"),
			Map.entry("staff_invitations", "staff only: who invited whom, shown on the staff pages"),
			Map.entry("fan_allowances", "counts of units held or bought per item, derived from holds and orders"),
			Map.entry("checkout_idempotency", "answers remembered for retried requests"),
			Map.entry("drop_live_mails", "marks that a 'drop live' mail was queued (the mail itself is exported)"),
			Map.entry("analytics_fan_drops", "aggregates of the engagement events exported"),
			Map.entry("analytics_fan_communities", "aggregates of the orders exported"));

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	DrawManagement draws;

	@Autowired
	Recognition recognition;

	private static Set<String> union(Set<String> one, Set<String> other) {
		Set<String> all = new TreeSet<>(one);
		all.addAll(other);
		return all;
	}

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void exportsEverythingHeldAboutTheFanAndNoSecret() throws Exception {
		AccountId fan = this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().id();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String live = TestDrops.drop(this.communities, this.catalog, this.drops, "Data", AccessMode.FIRST_COME,
				new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofHours(1)),
						now.plus(Duration.ofDays(1))),
				true);
		DropView view = this.drops.view(live);
		this.communities.join(view.communitySlug(), fan);
		Reservation hold = this.checkout
			.reserve(new ReserveRequest(live, view.items().getFirst().sku().slug(), 1, fan, TestDrops.unique("data")));
		this.engagements.reserved(hold.id());
		String preorderDrop = TestPreorders.drop(this.communities, this.catalog, this.drops,
				TestPreorders.community(this.communities), TestPreorders.timeline(now), TestPreorders.deadline(now), 10,
				2, 5);
		this.preorders.place(new PlacePreorder(preorderDrop, "sku-" + preorderDrop, 1, fan, TestPreorders.GOOD_CARD,
				TestPreorders.SHIPPING));
		IssuedApiToken token = this.tokens.issue(fan, TestDrops.unique("export"));
		String sku = view.items().getFirst().sku().slug();
		this.waitlists.notifyMe(sku, fan);
		String draw = TestDrops.drop(this.communities, this.catalog, this.drops, "Data draw", AccessMode.DRAW,
				TestDrops.upcoming(now, null, now.plus(Duration.ofDays(1))), true);
		this.draws.enter(draw, fan);
		String handle = TestDrops.unique("data");
		this.recognition.saveProfile(fan, new Recognition.CollectorProfile(handle, false));
		Reservation bought = this.checkout
			.reserve(new ReserveRequest(live, view.items().getFirst().sku().slug(), 1, fan, TestDrops.unique("buy")));
		Order order = this.orders.placeOrder(new PlaceOrder(bought.id(), fan, "4242424242424242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Data Road, Leeds")));

		String json = this.mvc.perform(get("/account/data"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andExpect(jsonPath("$.account.email").value(TestAccounts.FAN))
			.andExpect(jsonPath("$.communities[*].slug", hasItem(view.communitySlug())))
			.andExpect(jsonPath("$.reservations[*].id", hasItem(hold.id().toString())))
			.andExpect(jsonPath("$.preorders[*].drop", hasItem(preorderDrop)))
			.andExpect(jsonPath("$.apiTokens[*].name", hasItem(token.name())))
			.andExpect(jsonPath("$.engagementEvents[*].kind", hasItem("RESERVATION")))
			.andExpect(jsonPath("$.notifyMe[*].sku", hasItem(sku)))
			.andExpect(jsonPath("$.drawEntries[*].drop", hasItem(draw)))
			.andExpect(jsonPath("$.drawEntries[0].entry.weight").isNumber())
			.andExpect(jsonPath("$.collectorProfile.handle").value(handle))
			.andExpect(jsonPath("$.mails").isArray())
			.andExpect(jsonPath("$.exportedAt").isString())
			.andExpect(jsonPath("$.waitlists").isArray())
			.andExpect(jsonPath("$.orders").isArray())
			.andExpect(jsonPath("$.orders[?(@.number == '" + order.number() + "')].status", hasItem("PAID")))
			.andExpect(
					jsonPath("$.orders[?(@.number == '" + order.number() + "')].paymentStatus", hasItem("SUCCEEDED")))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(json).doesNotContain(token.token())
			.doesNotContain(this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().passwordHash())
			.doesNotContain(TestPreorders.GOOD_CARD);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void everyTableWithAnAccountIdIsInTheDownloadOrListedAsHoldingNothingPersonal() throws Exception {
		List<String> tables = this.jdbc.queryForList("""
				select table_name from information_schema.columns
				where table_schema = current_schema() and column_name = 'account_id' order by table_name
				""", String.class);
		assertThat(new TreeSet<>(tables))
			.as("tables with account_id: add each new one to EXPORTED (the part of the download that holds it) "
					+ "or NOT_PERSONAL (why not)")
			.isEqualTo(new TreeSet<>(union(EXPORTED.keySet(), NOT_PERSONAL.keySet())));
		String json = this.mvc.perform(get("/account/data"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		for (String part : EXPORTED.values()) {
			assertThat(JsonPath.<Object>read(json, "$." + part)).as("part %s of the download", part).isNotNull();
		}
	}

	@Test
	void asksStrangersToSignIn() throws Exception {
		this.mvc.perform(get("/account/data")).andExpect(status().is3xxRedirection());
	}

}
