package io.microdrops.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.jayway.jsonpath.JsonPath;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.web.TestAccounts;
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
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class PreorderApiIntegrationTests {

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

	Instant now;

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersAFirstPreorderWith201AndARetryWith200AndTheSamePreorder() throws Exception {
		String slug = drop();

		String id = JsonPath.read(place(slug, 2, TestPreorders.GOOD_CARD).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("PENDING"))
			.andExpect(jsonPath("$.quantity").value(2))
			.andExpect(jsonPath("$.estimateMinor").value(2900))
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		place(slug, 2, TestPreorders.GOOD_CARD).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
		place(slug, 1, TestPreorders.GOOD_CARD).andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://microdrops.io/problems/already-preordered"));

		this.mvc.perform(get("/api/v1/drops/" + slug + "/preorders"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.threshold").value(3))
			.andExpect(jsonPath("$.units").value(2))
			.andExpect(jsonPath("$.stage").value("COLLECTING"));
		this.mvc.perform(get("/api/v1/me/preorders"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.drop == '" + slug + "')]", hasSize(1)));
		this.mvc.perform(delete("/api/v1/preorders/" + id).with(csrf())).andExpect(status().isNoContent());
		this.mvc.perform(delete("/api/v1/preorders/" + id).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersRefusalsAsProblemDetails() throws Exception {
		String slug = drop();

		place(slug, 1, "4111111111111111").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("payment.cardNumber"));
		place(slug, 3, TestPreorders.GOOD_CARD).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("https://microdrops.io/problems/per-fan-limit"));
		place(slug, 0, TestPreorders.GOOD_CARD).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("quantity"));
		place("no-such-drop", 1, TestPreorders.GOOD_CARD).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/drops/no-such-drop/preorders")).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/drops/" + slug + "/preorders").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\": \"sku-" + slug + "\", \"quantity\": 1, \"payment\": {\"cardNumber\": \""
						+ TestPreorders.GOOD_CARD + "\"}, \"fulfilment\": {\"method\": \"SHIPPING\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment"));
		// A hub checkout would refuse at confirmation is refused now.
		this.mvc
			.perform(post("/api/v1/drops/" + slug + "/preorders").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\": \"sku-" + slug + "\", \"quantity\": 1, \"payment\": {\"cardNumber\": \""
						+ TestPreorders.GOOD_CARD
						+ "\"}, \"fulfilment\": {\"method\": \"PICKUP\", \"hub\": \"no-such-hub\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fulfilment"));
		this.mvc.perform(get("/api/v1/drops/" + slug + "/preorders")).andExpect(jsonPath("$.units").value(0));
	}

	@Test
	void answersCallersWhoAreNotSignedInWith401() throws Exception {
		String slug = drop();

		place(slug, 1, TestPreorders.GOOD_CARD).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private ResultActions place(String slug, int quantity, String card) throws Exception {
		return this.mvc.perform(post("/api/v1/drops/" + slug + "/preorders").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"sku\": \"sku-" + slug + "\", \"quantity\": " + quantity + ", \"payment\": {\"cardNumber\": \""
					+ card
					+ "\"}, \"fulfilment\": {\"method\": \"SHIPPING\", \"address\": \"1 Test Street, Leeds\"}}"));
	}

	private String drop() {
		return TestPreorders.drop(this.communities, this.catalog, this.drops, TestPreorders.community(this.communities),
				TestPreorders.timeline(this.now), TestPreorders.deadline(this.now), 10, 2, 3);
	}

}
