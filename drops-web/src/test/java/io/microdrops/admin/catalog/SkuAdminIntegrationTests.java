package io.microdrops.admin.catalog;

import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.catalog.SkuStatus;
import io.microdrops.shared.Money;
import io.microdrops.web.TestAccounts;
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
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class SkuAdminIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CatalogManagement catalog;

	String slug;

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
		this.slug = "sku-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void sendsAnonymousVisitorsOfTheSkuPagesToSignIn() throws Exception {
		this.mvc.perform(get("/admin/skus")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/admin/skus/new")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/admin/skus/any/story")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/admin/skus/any/preview"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAFanTheSkuPages() throws Exception {
		this.mvc.perform(get("/admin/skus")).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/skus/new")).andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/skus").with(csrf()).param("slug", this.slug).param("name", "Fan made"))
			.andExpect(status().isForbidden());
		assertThat(this.catalog.find(this.slug)).isEmpty();
	}

	@Test
	@WithUserDetails(value = TestAccounts.ADMIN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAnAdminSeeTheSkuList() throws Exception {
		this.catalog.create(this.slug, new SkuDetails("Admin's keycap", Money.of(1000, "EUR"), null, null, null));
		this.catalog.addText(this.slug, "one");

		this.mvc.perform(get("/admin/skus"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Admin&#39;s keycap"), containsString("10.00 EUR"),
					containsString("Open run"))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAPostWithoutACsrfToken() throws Exception {
		this.mvc
			.perform(post("/admin/skus").param("slug", this.slug)
				.param("name", "No token")
				.param("price", "1.00")
				.param("currency", "EUR"))
			.andExpect(status().isForbidden());
		assertThat(this.catalog.find(this.slug)).isEmpty();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void createsASkuWithItsPriceInMinorUnitsAndOpensItsStory() throws Exception {
		this.mvc
			.perform(post("/admin/skus").with(csrf())
				.param("slug", this.slug)
				.param("name", "Brass keycap")
				.param("price", "24.50")
				.param("currency", "EUR")
				.param("editionSize", "200")
				.param("makerName", "Ana Ferreira")
				.param("makerBio", "Casts brass in Porto."))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin/skus/" + this.slug + "/story"))
			.andExpect(flash().attribute("message", "sku.created"));

		var sku = this.catalog.require(this.slug);
		assertThat(sku.price()).isEqualTo(Money.of(2450, "EUR"));
		assertThat(sku.editionSize()).isEqualTo(200);
		assertThat(sku.makerName()).isEqualTo("Ana Ferreira");

		this.mvc.perform(get("/admin/skus"))
			.andExpect(content().string(allOf(containsString("Brass keycap"), containsString("24.50 EUR"))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsEachProblemNextToItsFieldAndSavesNothing() throws Exception {
		this.mvc
			.perform(post("/admin/skus").with(csrf())
				.param("slug", "Bad Slug!")
				.param("name", "")
				.param("price", "-3")
				.param("currency", "EUR"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"slug-error\""),
					containsString("Use 2 to 60 lower-case letters"),
					containsString("aria-describedby=\"slug-hint slug-error\""), containsString("id=\"name-error\""),
					containsString("Please enter a name."), containsString("id=\"price-error\""),
					containsString("A price cannot be negative."), containsString("value=\"Bad Slug!\""))));

		assertThat(this.catalog.list()).noneMatch(sku -> sku.name().isEmpty());
		assertThat(this.catalog.find("bad-slug")).isEmpty();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void explainsAPriceThatIsNotANumberOrTooPrecise() throws Exception {
		this.mvc
			.perform(post("/admin/skus").with(csrf())
				.param("slug", this.slug)
				.param("name", "Typo")
				.param("price", "twelve")
				.param("currency", "EUR"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Please enter the price as a number")));
		this.mvc
			.perform(post("/admin/skus").with(csrf())
				.param("slug", this.slug)
				.param("name", "Typo")
				.param("price", "1.005")
				.param("currency", "EUR"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("does not have that many decimal places")));
		assertThat(this.catalog.find(this.slug)).isEmpty();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesASlugAnotherSkuHas() throws Exception {
		this.catalog.create(this.slug, new SkuDetails("First", Money.of(100, "EUR"), null, null, null));

		this.mvc
			.perform(post("/admin/skus").with(csrf())
				.param("slug", this.slug)
				.param("name", "Second")
				.param("price", "2")
				.param("currency", "EUR"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Another SKU has this slug already")));
		assertThat(this.catalog.require(this.slug).name()).isEqualTo("First");
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void editsRetiresAndReactivatesASku() throws Exception {
		this.catalog.create(this.slug, new SkuDetails("Before", Money.of(100, "EUR"), 10, null, null));

		this.mvc.perform(get("/admin/skus/" + this.slug + "/edit"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("value=\"Before\""), containsString("readonly"))));
		this.mvc
			.perform(post("/admin/skus/" + this.slug).with(csrf())
				.param("slug", this.slug)
				.param("name", "After")
				.param("price", "12")
				.param("currency", "GBP")
				.param("editionSize", ""))
			.andExpect(redirectedUrl("/admin/skus"));
		var sku = this.catalog.require(this.slug);
		assertThat(sku.name()).isEqualTo("After");
		assertThat(sku.price()).isEqualTo(Money.of(1200, "GBP"));
		assertThat(sku.editionSize()).isNull();

		this.mvc.perform(post("/admin/skus/" + this.slug + "/retire").with(csrf()))
			.andExpect(redirectedUrl("/admin/skus"));
		assertThat(this.catalog.require(this.slug).status()).isEqualTo(SkuStatus.RETIRED);
		this.mvc.perform(post("/admin/skus/" + this.slug + "/reactivate").with(csrf()))
			.andExpect(redirectedUrl("/admin/skus"));
		assertThat(this.catalog.require(this.slug).status()).isEqualTo(SkuStatus.ACTIVE);
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void readsADecimalCommaAndKeepsEveryFieldWhenThePriceIsNoNumber() throws Exception {
		this.catalog.create(this.slug, new SkuDetails("Walnut meeples", Money.of(100, "EUR"), 10, null, null));

		// Text for the price: the edit comes back as typed, the rest kept.
		this.mvc
			.perform(post("/admin/skus/" + this.slug).with(csrf())
				.param("slug", this.slug)
				.param("name", "Walnut meeple set")
				.param("price", "24,5O")
				.param("currency", "USD")
				.param("editionSize", "40")
				.param("makerName", "Ada Woodworks"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Please enter the price as a number"),
					containsString("value=\"Walnut meeple set\""), containsString("value=\"24,5O\""),
					containsString("value=\"40\""), containsString("value=\"Ada Woodworks\""),
					containsString("value=\"" + this.slug + "\""))))
			.andExpect(content().string(containsString("<option value=\"USD\" selected=\"selected\">")));
		assertThat(this.catalog.require(this.slug).name()).isEqualTo("Walnut meeples");

		// A decimal comma, as many write prices, and thousands before a decimal point.
		for (String[] typed : new String[][] { { "24,50", "2450" }, { "1,250.00", "125000" }, { " 19 ", "1900" },
				{ "1 000,5", "100050" }, { "12,345.60", "1234560" } }) {
			this.mvc
				.perform(post("/admin/skus/" + this.slug).with(csrf())
					.param("slug", this.slug)
					.param("name", "Walnut meeple set")
					.param("price", typed[0])
					.param("currency", "USD")
					.param("editionSize", "40"))
				.andExpect(redirectedUrl("/admin/skus"));
			assertThat(this.catalog.require(this.slug).price()).isEqualTo(Money.of(Long.parseLong(typed[1]), "USD"));
		}
		// A comma before three digits: a thousand to some, decimals to others.
		this.mvc
			.perform(post("/admin/skus/" + this.slug).with(csrf())
				.param("slug", this.slug)
				.param("name", "Walnut meeple set")
				.param("price", "1,000")
				.param("currency", "USD"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("That comma could separate thousands or decimals.")));
		assertThat(this.catalog.require(this.slug).price()).isEqualTo(Money.of(1234560, "USD"));
		// Not a price at all.
		for (String typed : new String[] { "1.250,00", "1,2,3", "1,25.00", "12e3", "--1" }) {
			this.mvc
				.perform(post("/admin/skus/" + this.slug).with(csrf())
					.param("slug", this.slug)
					.param("name", "Walnut meeple set")
					.param("price", typed)
					.param("currency", "USD"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Please enter the price as a number")));
		}
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersAnUnknownSkuWithNotFound() throws Exception {
		this.mvc.perform(get("/admin/skus/no-such-sku/edit"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString("Exception"))));
		this.mvc.perform(get("/admin/skus/no-such-sku/story")).andExpect(status().isNotFound());
	}

}
