package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.preorder.PlacePreorder;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.preorder.PreorderSettlement;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestPreorders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pre-orders in pages: the drop page's honest count, the pre-order form with its messages
 * next to the fields, the fan's pre-orders under their account, and the drop page once a
 * validation failed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PreorderPagesIntegrationTests {

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
	PreorderManagement preorders;

	@Autowired
	PreorderSettlement settlement;

	@Autowired
	JdbcTemplate jdbc;

	Instant now;

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	void showsTheUnitsPreorderedAsTheDatabaseCountsThem() throws Exception {
		String slug = drop(20, 40);
		this.preorders.place(new PlacePreorder(slug, "sku-" + slug, 2, fan(TestAccounts.OTHER_FAN),
				TestPreorders.GOOD_CARD, TestPreorders.SHIPPING));
		int counted = this.jdbc
			.queryForObject("select sum(p.quantity) from preorders p join drops d on d.id = p.drop_id "
					+ "where d.slug = ? and p.status = 'PENDING'", Integer.class, slug);

		this.mvc.perform(get("/drops/" + slug))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(counted + " of 20 units pre-ordered"),
					containsString("18 more units are needed."), containsString("<progress"),
					containsString("Sign in to pre-order"), containsString("Pre-orders close in"))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsASignedInFanPreorderSeeItAndWithdrawIt() throws Exception {
		String slug = drop(5, 40);

		this.mvc.perform(get("/drops/" + slug + "/preorder"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Pre-order: Pre-order drop " + slug),
					containsString("Charged only if the threshold is reached."))));
		this.mvc
			.perform(post("/drops/" + slug + "/preorder").with(csrf())
				.param("sku", "sku-" + slug)
				.param("quantity", "2")
				.param("cardNumber", TestPreorders.GOOD_CARD)
				.param("method", "SHIPPING")
				.param("address", "1 Test Street, Leeds"))
			.andExpect(redirectedUrl("/drops/" + slug + "#preorder"))
			.andExpect(flash().attribute("message", "preorder.placed"));
		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content().string(allOf(containsString("2 of 5 units pre-ordered"),
					containsString("Your pre-orders"), containsString("Pending"))));
		this.mvc.perform(get("/account/preorders"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Pre-order drop " + slug),
					containsString("29.00 EUR at today&#39;s price"), containsString("Withdraw this pre-order"))));
		this.mvc.perform(get("/account")).andExpect(content().string(containsString("/account/preorders")));

		String id = this.jdbc.queryForObject(
				"select p.id::text from preorders p join drops d on d.id = p.drop_id where d.slug = ?", String.class,
				slug);
		this.mvc.perform(post("/account/preorders/" + id + "/cancel").with(csrf()))
			.andExpect(redirectedUrl("/account/preorders"))
			.andExpect(flash().attribute("message", "preorder.cancelled"));
		this.mvc.perform(get("/drops/" + slug)).andExpect(content().string(containsString("0 of 5 units pre-ordered")));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsWhatIsWrongNextToTheFieldAndKeepsNothing() throws Exception {
		String slug = drop(5, 10);

		this.mvc
			.perform(post("/drops/" + slug + "/preorder").with(csrf())
				.param("sku", "sku-" + slug)
				.param("quantity", "1")
				.param("cardNumber", "4111 1111 1111 1111")
				.param("method", "SHIPPING")
				.param("address", "1 Test Street, Leeds"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"cardNumber-error\""),
					containsString("never a real card"), not(containsString("4111 1111 1111 1111\"")))));
		this.mvc
			.perform(post("/drops/" + slug + "/preorder").with(csrf())
				.param("sku", "sku-" + slug)
				.param("quantity", "3")
				.param("cardNumber", TestPreorders.GOOD_CARD)
				.param("method", "SHIPPING"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"quantity-error\"")));
		this.mvc
			.perform(post("/drops/" + slug + "/preorder").with(csrf())
				.param("sku", "sku-" + slug)
				.param("quantity", "1")
				.param("cardNumber", TestPreorders.GOOD_CARD)
				.param("method", "SHIPPING"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"address-error\""),
					containsString("an address for delivery or shipping"))));
		assertThat(this.jdbc.queryForObject(
				"select count(*) from preorders p join drops d on d.id = p.drop_id where d.slug = ?", Long.class, slug))
			.isZero();
	}

	@Test
	void saysPlainlyWhenAValidationFailedAndTheDropDoesNotGoAhead() throws Exception {
		// Pre-orders closed an hour ago with none placed: the settlement voids the drop.
		Timeline timeline = new Timeline(this.now.minus(Duration.ofHours(3)), null, this.now.plus(Duration.ofDays(1)),
				this.now.plus(Duration.ofDays(2)));
		String slug = TestPreorders.drop(this.communities, this.catalog, this.drops,
				TestPreorders.community(this.communities), timeline, this.now.minus(Duration.ofHours(1)), 10, 1, 5);

		TestPreorders.settle(this.settlement);

		this.mvc.perform(get("/drops/" + slug))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("The threshold was missed"), containsString("0 of 5 units pre-ordered"),
						containsString("Nobody can buy this drop: its pre-orders missed the threshold"),
						containsString("state-CLOSED"), not(containsString("Sign in to pre-order")))));
	}

	private String drop(int threshold, int quantity) {
		return TestPreorders.drop(this.communities, this.catalog, this.drops, TestPreorders.community(this.communities),
				TestPreorders.timeline(this.now), TestPreorders.deadline(this.now), quantity, 2, threshold);
	}

	private io.microdrops.account.AccountId fan(String email) {
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

}
