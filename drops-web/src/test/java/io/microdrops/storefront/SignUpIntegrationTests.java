package io.microdrops.storefront;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
	void answersASecondSignUpForAnAddressExactlyLikeTheFirstAndMailsTheOwnerInstead() throws Exception {
		String email = unique();
		String fresh = this.mvc
			.perform(post("/signup").with(csrf())
				.param("email", email)
				.param("displayName", "First")
				.param("password", "clicky switches all day"))
			.andExpect(status().isFound())
			.andExpect(unauthenticated())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();

		String again = this.mvc
			.perform(post("/signup").with(csrf())
				.param("email", email.toUpperCase())
				.param("displayName", "Second")
				.param("password", "another fine passphrase"))
			.andExpect(status().isFound())
			.andExpect(unauthenticated())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();

		assertThat(again).isEqualTo(fresh).isEqualTo("/signup/check-inbox");
		this.mvc.perform(get(again))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Check your inbox")))
			.andExpect(content().string(not(containsString(email))));
		assertThat(this.jdbc.queryForObject("select count(*) from accounts where email = ?", Long.class, email))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select display_name from accounts where email = ?", String.class, email))
			.isEqualTo("First");
		String ownerMail = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForList(
					"select text_body from mail_outbox where recipient = ? and template = 'signup-existing-account'",
					String.class, email), mails -> mails.size() == 1)
			.get(0);
		assertThat(ownerMail).contains("Hello First,").contains("has an account already").contains("/login");
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
