package io.microdrops.api;

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
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class WaitlistApiIntegrationTests {

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

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersAFirstJoinWith201AndAnyRetryWith200AndTheSamePosition() throws Exception {
		String slug = drop(true);

		join(slug).andExpect(status().isCreated()).andExpect(jsonPath("$.position").value(1));
		join(slug).andExpect(status().isOk()).andExpect(jsonPath("$.position").value(1));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersUnknownDropsWith404() throws Exception {
		join("no-such-drop").andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersDraftsAndClosedDropsWith409() throws Exception {
		String draft = drop(false);
		String closed = drop(true);
		this.drops.closeEarly(closed);

		join(draft).andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("This drop has not been announced yet."));
		join(closed).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("This drop is over, so its waitlist is closed."));
	}

	@Test
	void answersAnonymousCallersWith401() throws Exception {
		join(drop(true)).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private ResultActions join(String slug) throws Exception {
		return this.mvc.perform(post("/api/v1/drops/" + slug + "/waitlist").with(csrf()));
	}

	// Open now, so it can also be closed early.
	private String drop(boolean schedule) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return TestDrops.drop(this.communities, this.catalog, this.drops, "API drop", AccessMode.FIRST_COME,
				TestDrops.upcoming(now, null, now.minusSeconds(60)), schedule);
	}

}
