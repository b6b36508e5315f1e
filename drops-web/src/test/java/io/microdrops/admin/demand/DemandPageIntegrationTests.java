package io.microdrops.admin.demand;

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
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A drop of two units that two fans bought while a third waited on its waitlist: the
 * merchandiser's demand page shows the sell-out, one fan of unmet demand and a suggested
 * quantity of three, with the formula.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DemandPageIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

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

	@Test
	void showsTheSellOutTheUnmetDemandAndTheSuggestedQuantityWithItsFormula() throws Exception {
		TestAccounts.ensure(this.accounts);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Community community = this.communities.create("demand-" + suffix,
				new CommunityDetails("Demand Club " + suffix, "Demand.", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("demand-sku-" + suffix,
				new SkuDetails("Brass Keycap Set", Money.of(2400, "GBP"), 2, null, null));
		String slug = "demand-drop-" + suffix;
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan(
						"Two units", community.id(), AccessMode.FIRST_COME, new Timeline(now.minus(Duration.ofHours(2)),
								null, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), 2, 1))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		UUID drop = this.jdbc.queryForObject("select id from drops where slug = ?", UUID.class, slug);
		List<AccountId> waiting = List.of(id(TestAccounts.FAN), id(TestAccounts.OTHER_FAN), id(TestAccounts.OPS));
		this.jdbc.update(
				"insert into waitlists (drop_id, drop_slug, last_sequence, created_at) values (?, ?, 3, now())", drop,
				slug);
		for (int i = 0; i < waiting.size(); i++) {
			this.jdbc.update(
					"insert into waitlist_entries (drop_id, account_id, sequence, joined_at) values (?, ?, ?, now())",
					drop, waiting.get(i).value(), i + 1);
		}
		for (AccountId fan : waiting.subList(0, 2)) {
			var hold = this.checkout.reserve(new ReserveRequest(slug, sku.slug(), 1, fan, null));
			this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242",
					new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Groove St, Leeds")));
		}

		String page = this.mvc
			.perform(get("/admin/communities/" + community.slug() + "/demand")
				.with(user(this.users.loadUserByUsername(TestAccounts.MERCHANDISER))))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("Two units")
			.contains("Suggested quantity: 3 units")
			.contains("demand = units sold + waitlisted fans who got none once it sold out (3)")
			.contains("At least two drops are needed")
			.doesNotContain("did not sell out");
		assertThat(page.replaceAll("\\s+", " ")).contains("<td class=\"num\">2</td> <td class=\"num\">2</td> "
				+ "<td class=\"num\">3</td> <td class=\"num\">1</td>");
	}

	private AccountId id(String email) {
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

}
