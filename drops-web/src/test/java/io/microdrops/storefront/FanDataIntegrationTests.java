package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.account.IssuedApiToken;
import io.microdrops.analytics.Engagements;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.drop.Timeline;
import io.microdrops.preorder.PlacePreorder;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
import io.microdrops.web.TestPreorders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
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
	PreorderManagement preorders;

	@Autowired
	ApiTokenManagement tokens;

	@Autowired
	Engagements engagements;

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
			.andExpect(jsonPath("$.waitlists").isArray())
			.andExpect(jsonPath("$.orders").isArray())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(json).doesNotContain(token.token())
			.doesNotContain(this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().passwordHash())
			.doesNotContain(TestPreorders.GOOD_CARD);
	}

	@Test
	void asksStrangersToSignIn() throws Exception {
		this.mvc.perform(get("/account/data")).andExpect(status().is3xxRedirection());
	}

}
