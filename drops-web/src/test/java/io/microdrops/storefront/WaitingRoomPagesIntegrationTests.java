package io.microdrops.storefront;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.FairnessRules;
import io.microdrops.drop.WaitingRoomSettings;
import io.microdrops.waitingroom.WaitingRoom;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A drop with a waiting room on its page and on the API: anonymous visitors are asked to
 * sign in, a fan joins and sees their place in the region the page refreshes, reserving
 * without an admission is refused, and an admitted fan reserves with the admission once.
 */
@SpringBootTest(properties = "drops.waiting-room.initial-delay=PT1H")
@AutoConfigureMockMvc
class WaitingRoomPagesIntegrationTests {

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
	WaitingRoom rooms;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void asksAnonymousVisitorsToSignInToJoinTheQueue() throws Exception {
		String slug = drop();

		this.mvc.perform(get("/drops/" + slug))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sign in to join the queue")))
			.andExpect(content().string(containsString("in the order of the waiting room&#39;s queue.")))
			.andExpect(content().string(not(containsString("first come, first served"))))
			.andExpect(content().string(not(containsString("name=\"admission\""))));
		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(content().string(containsString("Sign in to join the queue")));
		this.mvc.perform(get("/api/v1/drops/" + slug + "/queue")).andExpect(status().isUnauthorized());
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAFanJoinFromThePageAndShowsTheirPlaceInTheRefreshedRegion() throws Exception {
		String slug = drop();

		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content().string(containsString("Join the queue")))
			.andExpect(content().string(not(containsString("class=\"reserve\""))));
		this.mvc.perform(post("/drops/" + slug + "/queue").with(csrf()))
			.andExpect(redirectedUrl("/drops/" + slug + "#queue"));

		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You are number 1 in the queue (1 waiting).")))
			.andExpect(content().string(containsString("every 5s")))
			// The region alone, which the page swaps in: nothing after it (no reserve
			// form
			// of the fragment the file also holds).
			.andExpect(content().string(not(containsString("class=\"reserve\""))))
			.andExpect(content()
				.string(org.hamcrest.Matchers.matchesPattern("(?s)\\s*<div[^>]*class=\"queue\".*</div>\\s*")));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAReserveWithoutAnAdmissionAndTakesOneWithTheAdmissionOnce() throws Exception {
		String slug = drop();
		String sku = this.drops.view(slug).items().get(0).sku().slug();
		String body = "{\"sku\":\"" + sku + "\",\"quantity\":1}";

		this.mvc
			.perform(post("/api/v1/drops/" + slug + "/reservations").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(containsString("admission-required")));
		this.mvc.perform(post("/api/v1/drops/" + slug + "/queue").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("WAITING"))
			.andExpect(jsonPath("$.position").value(1));
		this.rooms.admit(slug);
		MvcResult admitted = this.mvc.perform(get("/api/v1/drops/" + slug + "/queue"))
			.andExpect(jsonPath("$.status").value("ADMITTED"))
			.andReturn();
		String token = com.jayway.jsonpath.JsonPath.read(admitted.getResponse().getContentAsString(),
				"$.admissionToken");
		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content().string(containsString("name=\"admission\" value=\"" + token + "\"")));

		this.mvc
			.perform(post("/api/v1/drops/" + slug + "/reservations").with(csrf())
				.header("Admission-Token", token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isCreated());
		MvcResult again = this.mvc
			.perform(post("/drops/" + slug + "/reserve").with(csrf())
				.param("sku", sku)
				.param("quantity", "1")
				.param("admission", token))
			.andExpect(redirectedUrl("/drops/" + slug))
			.andReturn();
		assertThat(again.getFlashMap().get("message")).isEqualTo("checkout.refused.ADMISSION_REQUIRED");
		this.mvc.perform(get("/api/v1/drops/" + slug + "/queue"))
			.andExpect(jsonPath("$.status").value("ADMISSION_USED"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersTheQueueOfADropWithoutAWaitingRoomWith404() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String plain = TestDrops.drop(this.communities, this.catalog, this.drops, "Plain drop", AccessMode.FIRST_COME,
				TestDrops.upcoming(now, null, now.minusSeconds(60)), true);

		this.mvc.perform(post("/api/v1/drops/" + plain + "/queue").with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/drops/" + plain + "/queue")).andExpect(status().isNotFound());
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void tellsAFanWhoMissesTheDropsAccountRulesWhyTheQueueWillNotTakeThem() throws Exception {
		// No account here is ten years old.
		String slug = drop(
				new FairnessRules(false, false, false, null, false, FairnessRules.MAX_ACCOUNT_AGE_DAYS, null));

		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content().string(containsString("The queue takes only fans who may buy.")))
			.andExpect(content().string(containsString("older than the number of days")))
			.andExpect(content().string(not(containsString("Join the queue"))));
		MvcResult refused = this.mvc.perform(post("/drops/" + slug + "/queue").with(csrf()))
			.andExpect(redirectedUrl("/drops/" + slug + "#queue"))
			.andReturn();
		assertThat(refused.getFlashMap().get("message"))
			.isEqualTo("checkout.refused.ACCOUNT_REQUIREMENT.MIN_ACCOUNT_AGE");
		assertThat(refused.getFlashMap().get("messageTone")).isEqualTo("refused");
		this.mvc.perform(post("/api/v1/drops/" + slug + "/queue").with(csrf()))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(containsString("account-requirement")))
			.andExpect(jsonPath("$.requirement").value("min-account-age"))
			.andExpect(jsonPath("$.detail").value(containsString("older than the number of days")));
		this.mvc.perform(get("/api/v1/drops/" + slug + "/queue")).andExpect(jsonPath("$.status").value("NOT_JOINED"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void tellsAFanOffTheWaitlistThatTheQueueLetsInOnlyMembersUntilTheOpening() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String slug = drop(FairnessRules.NONE, AccessMode.FIRST_COME, now.minusSeconds(60), now.plusSeconds(3600));

		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content().string(containsString("the queue lets in only the drop&#39;s waitlist members")))
			.andExpect(content().string(containsString("Join the queue")));
		this.mvc.perform(post("/drops/" + slug + "/queue").with(csrf()));
		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content().string(containsString("You are number 1 in the queue (1 waiting).")))
			.andExpect(content().string(containsString("your turn can come from the opening")))
			.andExpect(content().string(not(containsString("We cannot estimate the wait yet"))));
		this.mvc.perform(get("/api/v1/drops/" + slug + "/queue"))
			.andExpect(jsonPath("$.status").value("WAITING"))
			.andExpect(jsonPath("$.waitlistFirst").value(true));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void keepsAFanOffTheWaitlistOutOfTheQueueOfAWaitlistOnlyDrop() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String slug = drop(FairnessRules.NONE, AccessMode.WAITLIST_ONLY, null, now.minusSeconds(60));

		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content().string(containsString("for its waitlist&#39;s members only, and so is its queue")))
			.andExpect(content().string(not(containsString("Join the queue"))));
		MvcResult refused = this.mvc.perform(post("/drops/" + slug + "/queue").with(csrf()))
			.andExpect(redirectedUrl("/drops/" + slug + "#queue"))
			.andReturn();
		assertThat(refused.getFlashMap().get("message")).isEqualTo("waitingroom.refused.waitlist-only");
		this.mvc.perform(post("/api/v1/drops/" + slug + "/queue").with(csrf()))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(containsString("waitlist-only")))
			.andExpect(
					jsonPath("$.detail").value("This drop is for its waitlist's members only, and so is its queue."));
		this.mvc.perform(get("/api/v1/drops/" + slug + "/queue"))
			.andExpect(jsonPath("$.status").value("NOT_JOINED"))
			.andExpect(jsonPath("$.waitlistFirst").value(true));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void tellsAFanWhoseEarlyAccessCodeOpensAWaitlistOnlyDropThatTheyNeedNoPlace() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String slug = drop(FairnessRules.NONE, AccessMode.WAITLIST_ONLY, null, now.minusSeconds(60));
		giveCode(slug);

		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(
					content().string(containsString("Your early-access code lets you reserve now, without the queue")))
			.andExpect(content().string(not(containsString("and so is its queue"))))
			.andExpect(content().string(not(containsString("Join the queue"))));
		this.mvc.perform(get("/drops/" + slug))
			.andExpect(
					content().string(containsString("Your early-access code lets you reserve now, without the queue")))
			.andExpect(content().string(containsString("action=\"/drops/" + slug + "/reserve\"")));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAFanWithAnEarlyAccessCodeReserveWithoutTheQueueAfterTheOpening() throws Exception {
		String slug = drop();
		giveCode(slug);
		String sku = this.drops.view(slug).items().get(0).sku().slug();

		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(
					content().string(containsString("Your early-access code lets you reserve now, without the queue")))
			.andExpect(content().string(not(containsString("Join the queue"))));
		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content().string(containsString("action=\"/drops/" + slug + "/reserve\"")));
		this.mvc.perform(reserveFromThePage(slug, sku, 1))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", containsString("/checkout/")));
		// Used once: the next hold needs the queue.
		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content().string(not(containsString("Your early-access code lets you reserve now"))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void offersAnAdmittedFanOnlyWhatTheyMayStillHaveAndNoPlaceAtTheLimit() throws Exception {
		String slug = drop();
		String sku = this.drops.view(slug).items().get(0).sku().slug();

		// The first admission: the per-fan limit of two is offered whole.
		String token = admitted(slug);
		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content().string(containsString("<option value=\"2\">2</option>")))
			.andExpect(content().string(not(containsString("You have 1 of"))));
		reserve(slug, sku, token);

		// Back through the queue holding one: one more is offered, and the page says why.
		token = admitted(slug);
		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content().string(containsString("name=\"admission\" value=\"" + token + "\"")))
			.andExpect(
					content().string(containsString("You have 1 of Brass keycap Queued drop and may reserve 1 more.")))
			.andExpect(content().string(containsString("<option value=\"1\">1</option>")))
			.andExpect(content().string(not(containsString("<option value=\"2\">2</option>"))));
		reserve(slug, sku, token);

		// At the limit: no new place that could only waste an admission.
		for (String path : List.of("/drops/" + slug + "/queue", "/drops/" + slug)) {
			this.mvc.perform(get(path))
				.andExpect(content().string(containsString("You reserved with your admission.")))
				.andExpect(content().string(not(containsString("For another hold"))))
				.andExpect(content()
					.string(containsString("You have as many as one fan may have of everything in this drop.")))
				.andExpect(content().string(not(containsString("Join the queue again"))));
		}
		this.mvc.perform(post("/api/v1/drops/" + slug + "/queue").with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value(containsString("per-fan-limit")))
			.andExpect(jsonPath("$.detail").value(containsString("the queue has nothing more for you")));
		MvcResult refused = this.mvc.perform(post("/drops/" + slug + "/queue").with(csrf()))
			.andExpect(redirectedUrl("/drops/" + slug + "#queue"))
			.andReturn();
		assertThat(refused.getFlashMap().get("message")).isEqualTo("waitingroom.refused.at-limit");
		this.mvc.perform(get("/api/v1/drops/" + slug + "/queue"))
			.andExpect(jsonPath("$.status").value("ADMISSION_USED"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void passesOverAQueuedFanWhoReachedTheLimitWithACode() throws Exception {
		String slug = drop();
		giveCode(slug);
		String sku = this.drops.view(slug).items().get(0).sku().slug();
		this.mvc.perform(post("/api/v1/drops/" + slug + "/queue").with(csrf()))
			.andExpect(jsonPath("$.status").value("WAITING"));

		// Past the queue with the code: both units one fan may have.
		this.mvc.perform(reserveFromThePage(slug, sku, 2))
			.andExpect(header().string("Location", containsString("/checkout/")));

		// A retried join keeps the place; the admission round passes the fan over.
		this.mvc.perform(post("/api/v1/drops/" + slug + "/queue").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("WAITING"));
		this.rooms.admit(slug);
		this.mvc.perform(get("/api/v1/drops/" + slug + "/queue")).andExpect(jsonPath("$.status").value("WAITING"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void offersNoPlaceToAFanNotQueuedWhoReachedTheLimitWithACode() throws Exception {
		String slug = drop();
		giveCode(slug);
		String sku = this.drops.view(slug).items().get(0).sku().slug();
		this.mvc.perform(reserveFromThePage(slug, sku, 2))
			.andExpect(header().string("Location", containsString("/checkout/")));

		this.mvc.perform(get("/drops/" + slug + "/queue"))
			.andExpect(content()
				.string(containsString("You have as many as one fan may have of everything in this drop.")))
			.andExpect(content().string(not(containsString("Join the queue"))));
	}

	private String admitted(String slug) throws Exception {
		this.mvc.perform(post("/api/v1/drops/" + slug + "/queue").with(csrf())).andExpect(status().isOk());
		this.rooms.admit(slug);
		MvcResult admitted = this.mvc.perform(get("/api/v1/drops/" + slug + "/queue"))
			.andExpect(jsonPath("$.status").value("ADMITTED"))
			.andReturn();
		return com.jayway.jsonpath.JsonPath.read(admitted.getResponse().getContentAsString(), "$.admissionToken");
	}

	private void reserve(String slug, String sku, String token) throws Exception {
		this.mvc
			.perform(post("/api/v1/drops/" + slug + "/reservations").with(csrf())
				.header("Admission-Token", token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"" + sku + "\",\"quantity\":1}"))
			.andExpect(status().isCreated());
	}

	/** The drop page's reserve form, sent without an admission. */
	private static MockHttpServletRequestBuilder reserveFromThePage(String slug, String sku, int quantity) {
		return post("/drops/" + slug + "/reserve").with(csrf())
			.param("sku", sku)
			.param("quantity", String.valueOf(quantity))
			.param("key", UUID.randomUUID().toString());
	}

	private void giveCode(String slug) {
		String earlier = drop();
		this.jdbc.update("""
				insert into early_access_codes (id, code, account_id, community_id, source_drop_id, after_opens_at,
				                                early_hours, issued_at, expires_at)
				select gen_random_uuid(), ?, a.id, d.community_id, e.id, now() - interval '1 day', 24, now(),
				       now() + interval '7 days'
				from accounts a, drops d, drops e where a.email = ? and d.slug = ? and e.slug = ?
				""", "EA-" + UUID.randomUUID().toString().substring(0, 8), TestAccounts.FAN, slug, earlier);
	}

	/** Open since a minute, with an automatic waiting room. */
	private String drop() {
		return drop(FairnessRules.NONE);
	}

	private String drop(FairnessRules rules) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return drop(rules, AccessMode.FIRST_COME, null, now.minusSeconds(60));
	}

	private String drop(FairnessRules rules, AccessMode mode, Instant earlyAccessAt, Instant opensAt) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String slug = TestDrops.drop(this.communities, this.catalog, this.drops, "Queued drop", mode,
				TestDrops.upcoming(now, earlyAccessAt, opensAt), false);
		this.drops.configureWaitingRoom(slug, new WaitingRoomSettings(true, null));
		this.drops.changeFairness(slug, rules);
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}
