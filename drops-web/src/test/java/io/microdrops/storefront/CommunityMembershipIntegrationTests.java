package io.microdrops.storefront;

import java.time.ZoneId;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
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

	String slug;

	@BeforeEach
	void community() {
		TestAccounts.ensure(this.accounts);
		this.slug = "members-" + UUID.randomUUID().toString().substring(0, 8);
		this.communities.create(this.slug,
				new CommunityDetails("Members test", "A test community", null, null, 300, ZoneId.of("UTC"), 7, 4));
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
	void answersAnUnknownCommunityWithNotFound() throws Exception {
		this.mvc.perform(get("/communities/no-such-community")).andExpect(status().isNotFound());
	}

}
