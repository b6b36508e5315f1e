package io.microdrops.admin.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.offer.FollowUpManagement;
import io.microdrops.offer.FollowUpSettings;
import io.microdrops.shared.Money;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
class FollowUpAdminIntegrationTests {

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
	FollowUpManagement followUps;

	String drop;

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
		Instant now = Instant.now();
		this.drop = TestDrops.drop(this.communities, this.catalog, this.drops, "Follow-up drop", AccessMode.FIRST_COME,
				TestDrops.upcoming(now, null, now.plus(Duration.ofHours(2))), true);
	}

	@Test
	void savesTheFollowUpOfferWithItsCodeAndAddOns() throws Exception {
		String addOn = TestDrops.unique("puller");
		this.catalog.create(addOn, new SkuDetails("Keycap puller", Money.of(800, "GBP"), null, null, null));

		this.mvc.perform(get("/admin/drops/" + this.drop + "/follow-up"))
			.andExpect(status().isOk())
			.andExpect(
					content().string(allOf(containsString("No follow-up offer yet"), containsString("Keycap puller"))));
		this.mvc
			.perform(post("/admin/drops/" + this.drop + "/follow-up").with(csrf())
				.param("thankYouNote", "Thank you for collecting!")
				.param("delayHours", "48")
				.param("earlyAccess", "true")
				.param("_earlyAccess", "on")
				.param("earlyHours", "24")
				.param("validityDays", "30")
				.param("addOnSkus", addOn))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin/drops/" + this.drop + "/follow-up"));

		assertThat(this.followUps.settings(this.drop))
			.contains(new FollowUpSettings("Thank you for collecting!", 48, true, 24, 30, List.of(addOn)));
		// No drop sells it to this drop's buyers only yet: the page says so.
		this.mvc.perform(get("/admin/drops/" + this.drop + "/follow-up"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("not on sale to buyers only yet")));
	}

	@Test
	void showsAMessageNextToEachBadFieldAndSavesNothing() throws Exception {
		this.mvc
			.perform(post("/admin/drops/" + this.drop + "/follow-up").with(csrf())
				.param("thankYouNote", " ")
				.param("delayHours", "-3")
				.param("earlyHours", "0")
				.param("validityDays", "400"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Write a thank-you note."),
					containsString("Give a delay from 0 to 2,160 hours (90 days)."),
					containsString("Give from 1 to 336 hours (14 days) before the opening."),
					containsString("Give from 1 to 365 days."), containsString("aria-invalid=\"true\""))));
		this.mvc
			.perform(post("/admin/drops/" + this.drop + "/follow-up").with(csrf())
				.param("thankYouNote", "Thanks")
				.param("delayHours", "1")
				.param("earlyHours", "lots")
				.param("validityDays", "30"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Please enter a whole number.")));

		assertThat(this.followUps.settings(this.drop)).isEmpty();
	}

	@Test
	void refusesAnAddOnThatIsNotInTheCatalog() throws Exception {
		this.mvc
			.perform(post("/admin/drops/" + this.drop + "/follow-up").with(csrf())
				.param("thankYouNote", "Thanks")
				.param("delayHours", "1")
				.param("earlyHours", "24")
				.param("validityDays", "30")
				.param("addOnSkus", "no-such-sku"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Pick add-on SKUs from the catalog.")));

		assertThat(this.followUps.settings(this.drop)).isEmpty();
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAFanTheFollowUpOffer() throws Exception {
		this.mvc.perform(get("/admin/drops/" + this.drop + "/follow-up")).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/drops/" + this.drop + "/follow-up").with(csrf())
				.param("thankYouNote", "Thanks")
				.param("delayHours", "1")
				.param("earlyHours", "24")
				.param("validityDays", "30"))
			.andExpect(status().isForbidden());

		assertThat(this.followUps.settings(this.drop)).isEmpty();
	}

}
