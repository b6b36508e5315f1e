package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class CommunityMembershipIntegrationTests {

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

	String slug;

	@BeforeEach
	void community() {
		TestAccounts.ensure(this.accounts);
		this.slug = "members-" + UUID.randomUUID().toString().substring(0, 8);
		this.communities.create(this.slug,
				new CommunityDetails("Members test", "A test community", null, null, 300, ZoneId.of("UTC"), 7, 4));
	}

	@Test
	void listsACommunityWithoutDropsOnTheHomePageForAnyoneToFind() throws Exception {
		String home = this.mvc.perform(get("/")).andReturn().getResponse().getContentAsString();
		String card = home.substring(home.indexOf("href=\"/communities/" + this.slug + "\""));
		assertThat(card.substring(0, card.indexOf("</li>"))).contains("Members test").contains("No members yet");
		assertThat(home).contains("Join as a fan");
		this.mvc.perform(get("/communities")).andExpect(redirectedUrl("/#communities"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void marksAFansOwnCommunitiesAndOffersThemNoSignUpNorStaffAreas() throws Exception {
		this.mvc.perform(post("/communities/" + this.slug + "/join").with(csrf()));

		String home = this.mvc.perform(get("/")).andReturn().getResponse().getContentAsString();
		String card = home.substring(home.indexOf("href=\"/communities/" + this.slug + "\""));
		assertThat(card.substring(0, card.indexOf("</li>"))).contains("1 member").contains("You are a member");
		assertThat(home).doesNotContain("Join as a fan")
			.doesNotContain("Open the admin area")
			.doesNotContain("Open the ops area");
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAFanJoinOnceAndLeave() throws Exception {
		var community = this.communities.require(this.slug);
		this.mvc.perform(post("/communities/" + this.slug + "/join").with(csrf()))
			.andExpect(redirectedUrl("/communities/" + this.slug));
		this.mvc.perform(post("/communities/" + this.slug + "/join").with(csrf()));
		assertThat(this.communities.memberCount(community.id())).isEqualTo(1);
		this.mvc.perform(get("/communities/" + this.slug))
			.andExpect(content().string(containsString("1 member")))
			.andExpect(content().string(containsString("Leave this community")));

		this.mvc.perform(post("/communities/" + this.slug + "/leave").with(csrf()));
		assertThat(this.communities.memberCount(community.id())).isZero();
	}

	@Test
	void showsTheCommunityToAnonymousVisitorsAndSendsThemToSignInToJoin() throws Exception {
		this.mvc.perform(get("/communities/" + this.slug))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sign up to join")));
		this.mvc.perform(post("/communities/" + this.slug + "/join").with(csrf())).andExpect(redirectedUrl("/login"));
	}

	@Test
	void listsOpenDropsFirstThenComingOnesThenPastOnesEachLinkedAndDated() throws Exception {
		Community community = this.communities.create("order-" + UUID.randomUUID().toString().substring(0, 8),
				new CommunityDetails("Order test", "A test community", null, null, 300, ZoneId.of("UTC"), 0, 31));
		Sku sku = this.catalog.create("order-sku-" + UUID.randomUUID().toString().substring(0, 8),
				new SkuDetails("Print", Money.of(1500, "GBP"), null, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String past = drop(community, sku, "Past run", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
		this.drops.closeEarly(past);
		String coming = drop(community, sku, "Coming run", now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(4)));
		String open = drop(community, sku, "Open run", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofDays(2)));

		String page = this.mvc.perform(get("/communities/" + community.slug()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String list = page.substring(page.indexOf("id=\"drops-heading\""));

		assertThat(list.indexOf("Open run")).isLessThan(list.indexOf("Coming run"));
		assertThat(list.indexOf("Coming run")).isLessThan(list.indexOf("Past run"));
		assertThat(list).contains("href=\"/drops/" + open + "\"", "href=\"/drops/" + coming + "\"",
				"href=\"/drops/" + past + "\"");
		assertThat(list).contains(">Open until ", ">Opens ", ">Closed ")
			.as("a past drop is dated with its year")
			.contains(">Closed "
					+ DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH).format(now.atZone(ZoneId.of("UTC")))
					+ "<");
	}

	private String drop(Community community, Sku sku, String title, Instant opens, Instant closes) {
		String slug = "order-" + UUID.randomUUID().toString().substring(0, 8);
		this.drops.createDraft(slug,
				new DropPlan(title, community.id(), AccessMode.FIRST_COME,
						new Timeline(Instant.now().minus(Duration.ofHours(2)), null, opens, closes), 10, null,
						List.of(new NewDropItem(sku.id(), 5, 1))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	@Test
	void answersAnUnknownCommunityWithNotFound() throws Exception {
		this.mvc.perform(get("/communities/no-such-community")).andExpect(status().isNotFound());
	}

}
