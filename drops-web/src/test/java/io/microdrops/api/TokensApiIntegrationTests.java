package io.microdrops.api;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
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
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class TokensApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	ApiTokenManagement tokens;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.OPS, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void issuesATokenOnceFromASignedInSessionAndRevokesIt() throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/me/tokens").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"ops dashboard\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.token").value(startsWith("drops_")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String token = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		String id = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		assertThat(this.tokens.authenticate(token)).isPresent();

		this.mvc.perform(get("/api/v1/me/tokens"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == '" + id + "')].name").value("ops dashboard"))
			.andExpect(jsonPath("$[0].token").doesNotExist());
		this.mvc.perform(delete("/api/v1/me/tokens/" + id).with(csrf())).andExpect(status().isNoContent());
		this.mvc.perform(delete("/api/v1/me/tokens/" + id).with(csrf())).andExpect(status().isNotFound());
		assertThat(this.tokens.authenticate(token)).isEmpty();
	}

	@Test
	@WithUserDetails(value = TestAccounts.OPS, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesABlankNameAndASessionCallWithoutCsrfToken() throws Exception {
		this.mvc.perform(post("/api/v1/me/tokens").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		this.mvc.perform(post("/api/v1/me/tokens").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void asksAnonymousCallersToSignIn() throws Exception {
		this.mvc
			.perform(post("/api/v1/me/tokens").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\"}"))
			.andExpect(status().isUnauthorized());
	}

}
