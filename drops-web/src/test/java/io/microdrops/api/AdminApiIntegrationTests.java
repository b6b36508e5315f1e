package io.microdrops.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class AdminApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void createsACommunitySkusAndADropThatOpensAtOnceWhenScheduledWithAPastOpening() throws Exception {
		String suffix = suffix();
		post("/api/v1/admin/communities", """
				{"slug":"keycaps-%s","name":"Keycap collectors","description":"Artisan keycaps."}
				""".formatted(suffix)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.slug").value("keycaps-" + suffix));
		post("/api/v1/admin/skus", """
				{"slug":"brass-%s","name":"Brass keycap","priceMinor":2450,"currency":"EUR","editionSize":200}
				""".formatted(suffix)).andExpect(status().isCreated()).andExpect(jsonPath("$.priceMinor").value(2450));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		post("/api/v1/admin/drops",
				"""
						{"slug":"drop-%s","title":"Brass drop","community":"keycaps-%s","accessMode":"FIRST_COME",
						 "announceAt":"%s","opensAt":"%s","closesAt":"%s",
						 "items":[{"sku":"brass-%s","quantity":200,"perFanLimit":1}]}
						""".formatted(suffix, suffix, now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(1)),
						now.plus(Duration.ofDays(1)), suffix))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("DRAFT"));

		this.mvc.perform(get("/api/v1/drops/drop-" + suffix)).andExpect(status().isNotFound());

		post("/api/v1/admin/drops/drop-" + suffix + "/schedule", "").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("LIVE"));

		this.mvc.perform(get("/api/v1/drops/drop-" + suffix))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("LIVE"))
			.andExpect(jsonPath("$.community").value("keycaps-" + suffix))
			.andExpect(jsonPath("$.items[0].sku").value("brass-" + suffix))
			.andExpect(jsonPath("$.items[0].remaining").value(200))
			.andExpect(jsonPath("$.items[0].priceMinor").value(2450))
			.andExpect(jsonPath("$.items[0].currency").value("EUR"));
		this.mvc.perform(get("/api/v1/drops"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].slug", hasItem("drop-" + suffix)));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void listsEveryInvalidFieldAsAProblemAndSavesNothing() throws Exception {
		post("/api/v1/admin/skus", """
				{"slug":"Not A Slug","name":"","priceMinor":-5,"currency":"euro"}
				""").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.title").value("Invalid input"))
			.andExpect(jsonPath("$.errors[*].field",
					org.hamcrest.Matchers.containsInAnyOrder("slug", "name", "priceMinor", "currency")));
		assertThat(this.jdbc.queryForObject("select count(*) from skus where name = ''", Long.class)).isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void createsADropWithAWaitingRoomAndRefusesOneOnADrawSavingNothing() throws Exception {
		String suffix = suffix();
		post("/api/v1/admin/communities", """
				{"slug":"q-%s","name":"Q","description":"d"}
				""".formatted(suffix)).andExpect(status().isCreated());
		post("/api/v1/admin/skus", """
				{"slug":"qs-%s","name":"S","priceMinor":100,"currency":"GBP"}
				""".formatted(suffix)).andExpect(status().isCreated());
		String drop = """
				{"slug":"%s-%s","title":"D","community":"q-%s","accessMode":"%s",
				 "announceAt":"2027-01-01T10:00:00Z","opensAt":"2027-01-05T10:00:00Z","closesAt":"2027-01-06T10:00:00Z",
				 "items":[{"sku":"qs-%s","quantity":5,"perFanLimit":1}],"waitingRoom":%s}
				""";

		post("/api/v1/admin/drops",
				drop.formatted("rated", suffix, suffix, "FIRST_COME", suffix, "{\"fansPerMinute\":60}"))
			.andExpect(status().isCreated());
		post("/api/v1/admin/drops", drop.formatted("auto", suffix, suffix, "WAITLIST_ONLY", suffix, "{}"))
			.andExpect(status().isCreated());
		post("/api/v1/admin/drops", drop.formatted("none", suffix, suffix, "FIRST_COME", suffix, "null"))
			.andExpect(status().isCreated());
		assertThat(this.jdbc.queryForList(
				"select slug, waiting_room, admissions_per_minute from drops where slug like ?" + " order by slug",
				"%-" + suffix))
			.extracting(row -> row.get("slug") + " " + row.get("waiting_room") + " " + row.get("admissions_per_minute"))
			.containsExactly("auto-" + suffix + " true null", "none-" + suffix + " false null",
					"rated-" + suffix + " true 60");

		post("/api/v1/admin/drops", drop.formatted("draw", suffix, suffix, "DRAW", suffix, "{}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItem("waitingRoom")));
		post("/api/v1/admin/drops",
				drop.formatted("fast", suffix, suffix, "FIRST_COME", suffix, "{\"fansPerMinute\":0}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItem("waitingRoom.fansPerMinute")));
		assertThat(this.jdbc.queryForObject("select count(*) from drops where slug in (?, ?)", Long.class,
				"draw-" + suffix, "fast-" + suffix))
			.as("nothing half-written")
			.isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesABrokenTimelineWithTheFieldsItConcerns() throws Exception {
		String suffix = suffix();
		post("/api/v1/admin/communities", """
				{"slug":"c-%s","name":"C","description":"d"}
				""".formatted(suffix)).andExpect(status().isCreated());
		post("/api/v1/admin/skus", """
				{"slug":"s-%s","name":"S","priceMinor":100,"currency":"GBP"}
				""".formatted(suffix)).andExpect(status().isCreated());
		post("/api/v1/admin/drops", """
				{"slug":"d-%s","title":"D","community":"c-%s","accessMode":"DRAW",
				 "announceAt":"2027-01-10T10:00:00Z","opensAt":"2027-01-05T10:00:00Z","closesAt":"2027-01-05T10:00:00Z",
				 "items":[{"sku":"s-%s","quantity":5,"perFanLimit":1}]}
				""".formatted(suffix, suffix, suffix)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItems("announceAt", "closesAt")))
			.andExpect(jsonPath("$.detail", containsString("must close after it opens")));
		assertThat(this.jdbc.queryForObject("select count(*) from drops where slug = ?", Long.class, "d-" + suffix))
			.isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersMalformedJsonWithAProblemNotAStackTrace() throws Exception {
		post("/api/v1/admin/skus", "{\"slug\": ").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Exception"))));
		post("/api/v1/admin/skus", "{\"slug\":\"ok-slug\",\"name\":\"n\",\"priceMinor\":\"lots\",\"currency\":\"EUR\"}")
			.andExpect(status().isBadRequest());
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesASecondDropTooCloseToTheFirstUnlessAnAdminOverridesIt() throws Exception {
		String suffix = suffix();
		post("/api/v1/admin/communities", """
				{"slug":"f-%s","name":"F","description":"d","minGapDays":7,"maxDropsPer30Days":4}
				""".formatted(suffix)).andExpect(status().isCreated());
		post("/api/v1/admin/skus", """
				{"slug":"fs-%s","name":"FS","priceMinor":100,"currency":"GBP"}
				""".formatted(suffix)).andExpect(status().isCreated());
		for (String name : new String[] { "first", "second" }) {
			int day = name.equals("first") ? 10 : 13;
			post("/api/v1/admin/drops",
					"""
							{"slug":"%s-%s","title":"%s","community":"f-%s","accessMode":"FIRST_COME",
							 "announceAt":"2027-02-01T10:00:00Z","opensAt":"2027-02-%dT18:00:00Z","closesAt":"2027-02-%dT20:00:00Z",
							 "items":[{"sku":"fs-%s","quantity":5,"perFanLimit":1}]}
							"""
						.formatted(name, suffix, name, suffix, day, day, suffix))
				.andExpect(status().isCreated());
		}
		post("/api/v1/admin/drops/first-" + suffix + "/schedule", "").andExpect(status().isOk());

		post("/api/v1/admin/drops/second-" + suffix + "/schedule", "").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("at least 7 days between drops")));
		assertThat(this.jdbc.queryForObject("select scheduled from drops where slug = ?", Boolean.class,
				"second-" + suffix))
			.isFalse();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersADropAskingForEditionsAnotherDropHoldsWithAConflict() throws Exception {
		String suffix = suffix();
		post("/api/v1/admin/communities", """
				{"slug":"e-%s","name":"E","description":"d"}
				""".formatted(suffix)).andExpect(status().isCreated());
		post("/api/v1/admin/skus", """
				{"slug":"es-%s","name":"Desk mat","priceMinor":100,"currency":"GBP","editionSize":5}
				""".formatted(suffix)).andExpect(status().isCreated());
		for (String name : new String[] { "first", "second" }) {
			int day = name.equals("first") ? 10 : 24;
			post("/api/v1/admin/drops",
					"""
							{"slug":"%s-%s","title":"%s","community":"e-%s","accessMode":"FIRST_COME",
							 "announceAt":"2027-03-01T10:00:00Z","opensAt":"2027-03-%dT18:00:00Z","closesAt":"2027-03-%dT20:00:00Z",
							 "items":[{"sku":"es-%s","quantity":5,"perFanLimit":1}]}
							"""
						.formatted(name, suffix, name, suffix, day, day, suffix))
				.andExpect(status().isCreated());
		}
		post("/api/v1/admin/drops/first-" + suffix + "/schedule", "").andExpect(status().isOk());

		// Valid as sent; the run's numbers are taken by the other drop: a state conflict.
		post("/api/v1/admin/drops/second-" + suffix + "/schedule", "").andExpect(status().isConflict())
			.andExpect(jsonPath("$.type", containsString("editions-taken")))
			.andExpect(jsonPath("$.detail", containsString("none of its 5 numbered editions is left to release")))
			.andExpect(jsonPath("$.errors[0].field").value("items"));
		assertThat(this.jdbc.queryForObject("select scheduled from drops where slug = ?", Boolean.class,
				"second-" + suffix))
			.isFalse();
	}

	@Test
	void answersAnonymousAdminCallsWith401AndFansWith403() throws Exception {
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/admin/skus")
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAFanTheAdminApi() throws Exception {
		post("/api/v1/admin/communities", "{\"slug\":\"fan-made\",\"name\":\"x\"}").andExpect(status().isForbidden())
			.andExpect(jsonPath("$.title").value("Forbidden"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAMutatingCallWithoutTheCsrfToken() throws Exception {
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.post("/api/v1/admin/communities")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"slug\":\"no-token\",\"name\":\"x\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.title").value("Missing or invalid CSRF token"));
	}

	@Test
	void answersUnknownDropsWith404Problem() throws Exception {
		this.mvc.perform(get("/api/v1/drops/no-such-drop"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private ResultActions post(String path, String json) throws Exception {
		return this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
