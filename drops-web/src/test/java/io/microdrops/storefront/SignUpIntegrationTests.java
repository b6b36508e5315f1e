package io.microdrops.storefront;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class SignUpIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void rejectsADuplicateEmailWithAMessageNextToTheField() throws Exception {
		String email = unique();
		this.mvc.perform(post("/signup").with(csrf())
			.param("email", email)
			.param("displayName", "First")
			.param("password", "clicky switches all day"));

		this.mvc
			.perform(post("/signup").with(csrf())
				.param("email", email.toUpperCase())
				.param("displayName", "Second")
				.param("password", "another fine passphrase"))
			.andExpect(status().isOk())
			.andExpect(unauthenticated())
			.andExpect(content().string(containsString("An account with this e-mail address exists already")))
			.andExpect(content().string(containsString("id=\"email-error\"")));
		assertThat(this.jdbc.queryForObject("select count(*) from accounts where email = ?", Long.class, email))
			.isEqualTo(1);
	}

	@Test
	void rejectsAWeakPasswordWithAMessageAndSavesNothing() throws Exception {
		String email = unique();
		this.mvc
			.perform(post("/signup").with(csrf())
				.param("email", email)
				.param("displayName", "Weak")
				.param("password", "short"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("at least 10 characters")))
			.andExpect(content().string(containsString("id=\"password-error\"")));
		this.mvc
			.perform(post("/signup").with(csrf())
				.param("email", email)
				.param("displayName", "Weak")
				.param("password", "password123"))
			.andExpect(content().string(containsString("too common")));
		assertThat(this.jdbc.queryForObject("select count(*) from accounts where email = ?", Long.class, email))
			.isZero();
	}

	@Test
	void explainsEveryInvalidFieldAtOnce() throws Exception {
		this.mvc
			.perform(post("/signup").with(csrf())
				.param("email", "not-an-address")
				.param("displayName", "")
				.param("password", "short"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("does not look like an e-mail address")))
			.andExpect(content().string(containsString("Please choose a display name")))
			.andExpect(content().string(containsString("at least 10 characters")));
	}

	private static String unique() {
		return "signup-" + UUID.randomUUID() + "@example.com";
	}

}
