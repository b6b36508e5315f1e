package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
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
import io.microdrops.recognition.BadgeKind;
import io.microdrops.recognition.Recognition;
import io.microdrops.shared.Money;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A fan who bought from three drops of a community sees every edition and the badges the
 * community's merchandiser defined, on the collection page, the order page and the next
 * drop's page; anonymous visitors get the drop page without any greeting.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CollectionPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UserDetailsService users;

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
	Recognition recognition;

	@Autowired
	JdbcTemplate jdbc;

	private Community community;

	private final List<String> dropSlugs = new ArrayList<>();

	private final List<Order> placed = new ArrayList<>();

	private String suffix;

	@BeforeEach
	void threeDropsBought() {
		TestAccounts.ensure(this.accounts);
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		this.community = this.communities.create("collect-" + this.suffix, new CommunityDetails(
				"Keycap Club " + this.suffix, "Keycaps.", null, null, 500, ZoneId.of("UTC"), 0, 31));
		AccountId fan = fan();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		for (int i = 1; i <= 4; i++) {
			var sku = this.catalog.create("collect-sku-" + i + "-" + this.suffix,
					new SkuDetails("Brass Keycap Set " + i, Money.of(2400, "GBP"), 200, null, null));
			String slug = "collect-" + i + "-" + this.suffix;
			this.drops.createDraft(slug,
					new DropPlan("Drop " + i, this.community.id(), AccessMode.FIRST_COME,
							new Timeline(now.minus(Duration.ofHours(10 - i)), null,
									now.minus(Duration.ofMinutes(10 - i)), now.plus(Duration.ofDays(1))),
							10, null, List.of(new NewDropItem(sku.id(), 200, 2))));
			this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
			this.dropSlugs.add(slug);
			if (i <= 3) {
				var hold = this.checkout.reserve(new ReserveRequest(slug, sku.slug(), 1, fan, null));
				this.placed.add(this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242",
						new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Groove St, Leeds"))));
			}
		}
		this.recognition.add(this.community.id(), new Recognition.RuleDraft(BadgeKind.FIRST_DROP,
				"First drop " + this.suffix, "Bought from a drop.", null, null, null));
		this.recognition.add(this.community.id(), new Recognition.RuleDraft(BadgeKind.N_DROPS,
				"Three-drop collector " + this.suffix, "Bought from three drops.", 3, null, null));
		this.recognition.add(this.community.id(), new Recognition.RuleDraft(BadgeKind.N_DROPS,
				"Ten-drop collector " + this.suffix, "Bought from ten drops.", 10, null, null));
	}

	private AccountId fan() {
		return this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().id();
	}

	@Test
	void theCollectionPageListsEveryEditionWithItsDropAndTheBadgesEarned() throws Exception {
		String body = this.mvc
			.perform(get("/account/collection").with(user(this.users.loadUserByUsername(TestAccounts.FAN))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		for (int i = 0; i < 3; i++) {
			Order order = this.placed.get(i);
			assertThat(body).contains(
					"#" + order.editions().get(0) + " of 200 — Brass Keycap Set " + (i + 1) + ", Drop " + (i + 1));
		}
		assertThat(body).contains("Keycap Club " + this.suffix)
			.contains("3 drops collected")
			.contains("First drop " + this.suffix)
			.contains("Three-drop collector " + this.suffix)
			.doesNotContain("Ten-drop collector " + this.suffix);
	}

	@Test
	void theOrderPageSaysWhichDropWithTheCommunityItIs() throws Exception {
		var fan = user(this.users.loadUserByUsername(TestAccounts.FAN));
		assertThat(this.mvc.perform(get("/account/orders/" + this.placed.get(0).id()).with(fan))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Your 1st drop with Keycap Club " + this.suffix);
		assertThat(this.mvc.perform(get("/account/orders/" + this.placed.get(2).id()).with(fan))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Your 3rd drop with Keycap Club " + this.suffix);
	}

	@Test
	void theDropPageGreetsAReturningCollectorButNobodyElse() throws Exception {
		String next = "/drops/" + this.dropSlugs.get(3);
		String signedIn = this.mvc.perform(get(next).with(user(this.users.loadUserByUsername(TestAccounts.FAN))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(signedIn).contains("Welcome back: you have collected 3 drops with Keycap Club " + this.suffix)
			.contains("Three-drop collector " + this.suffix)
			// The latest piece, named by its item, not only by its drop.
			.contains("You own Brass Keycap Set 3 #" + this.placed.get(2).editions().get(0) + ", from Drop 3.");
		String otherFan = this.mvc.perform(get(next).with(user(this.users.loadUserByUsername(TestAccounts.OTHER_FAN))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(otherFan).doesNotContain("Welcome back").doesNotContain("collector-greeting");
		String anonymous = this.mvc.perform(get(next)).andReturn().getResponse().getContentAsString();
		assertThat(anonymous).doesNotContain("Welcome back").doesNotContain("collector-greeting");
	}

	@Test
	void aRefundedOrderNoLongerCounts() throws Exception {
		this.jdbc.update("update orders set payment_status = 'REFUNDED' where id = ?", this.placed.get(2).id());
		String body = this.mvc
			.perform(get("/account/collection").with(user(this.users.loadUserByUsername(TestAccounts.FAN))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).contains("2 drops collected").doesNotContain("Three-drop collector " + this.suffix);
	}

	@Test
	void aPublicProfileShowsTheCollectionOnlyOnceTheFanOptsIn() throws Exception {
		var fan = user(this.users.loadUserByUsername(TestAccounts.FAN));
		String handle = "fay-" + this.suffix;
		this.mvc.perform(post("/account/collection/profile").with(fan).with(csrf()).param("handle", handle));
		assertThat(this.mvc.perform(get("/collectors/" + handle)).andReturn().getResponse().getStatus()).isEqualTo(404);

		this.mvc.perform(post("/account/collection/profile").with(fan)
			.with(csrf())
			.param("handle", handle)
			.param("isPublic", "true"));
		var page = this.mvc.perform(get("/collectors/" + handle)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("Brass Keycap Set 1")
			.contains("Three-drop collector " + this.suffix)
			.doesNotContain(TestAccounts.FAN)
			.doesNotContain("Test Fan");

		var other = user(this.users.loadUserByUsername(TestAccounts.OTHER_FAN));
		String refused = this.mvc
			.perform(post("/account/collection/profile").with(other).with(csrf()).param("handle", handle))
			.andReturn()
			.getFlashMap()
			.get("profileError")
			.toString();
		assertThat(refused).isEqualTo("collection.profile.handle.taken");
	}

}
