package io.microdrops.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Entering a draw through the API: once per fan (a second call answers with the same
 * entry), only with a confirmed address, and refusals as problem+json.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DrawApiIntegrationTests {

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

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void aFanEntersADrawOnceAndAnUnconfirmedAddressIsRefused() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String draw = TestDrops.drop(this.communities, this.catalog, this.drops, "Api draw", AccessMode.DRAW,
				TestDrops.upcoming(now, null, now.plus(Duration.ofDays(1))), true);
		String fan = TestDrops.unique("api-draw") + "@example.com";
		this.accounts.createIfAbsent(fan, "Draw Fan", TestAccounts.PASSWORD,
				java.util.Set.of(io.microdrops.account.Role.FAN));
		var confirmed = user(this.users.loadUserByUsername(fan));

		String hash = com.jayway.jsonpath.JsonPath
			.read(this.mvc.perform(post("/api/v1/drops/{slug}/draw/entries", draw).with(confirmed).with(csrf()))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.weight").value(1))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.hash");
		this.mvc.perform(post("/api/v1/drops/{slug}/draw/entries", draw).with(confirmed).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.hash").value(hash));

		String newcomer = TestDrops.unique("api-draw-new") + "@example.com";
		this.accounts.signUpFan(new AccountManagement.SignUp(newcomer, "New Fan", "a long new password 42"));
		this.mvc
			.perform(post("/api/v1/drops/{slug}/draw/entries", draw).with(user(this.users.loadUserByUsername(newcomer)))
				.with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Confirm your e-mail address")));

		String firstCome = TestDrops.drop(this.communities, this.catalog, this.drops, "Api first come",
				AccessMode.FIRST_COME, TestDrops.upcoming(now, null, now.plus(Duration.ofDays(1))), true);
		this.mvc.perform(post("/api/v1/drops/{slug}/draw/entries", firstCome).with(confirmed).with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
