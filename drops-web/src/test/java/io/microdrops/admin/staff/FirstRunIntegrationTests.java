package io.microdrops.admin.staff;

import java.sql.DriverManager;
import java.time.Clock;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.LastAdminException;
import io.microdrops.account.Role;
import io.microdrops.account.StaffManagement;
import io.microdrops.account.StaffManagement.Actor;
import io.microdrops.account.StaffManagement.StaffMember;
import io.microdrops.notification.MailLinks;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A production first run, on a database of its own (the shared test database has admins):
 * no demo mode, no admin until the setup link or the bootstrap invitation makes one, and
 * Drops never left without an active admin.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "drops.demo.enabled=false")
class FirstRunIntegrationTests {

	static final String PASSWORD = "first run password";

	private static final Pattern INVITATION_LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]+)");

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry properties) {
		var shared = io.microdrops.testsupport.TestDatabase.connection();
		String name = "drops_first_run_" + UUID.randomUUID().toString().replace("-", "");
		try (var connection = DriverManager.getConnection(shared.url(), shared.username(), shared.password());
				var statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		String url = shared.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
		properties.add("spring.datasource.url", () -> url);
		properties.add("spring.datasource.username", shared::username);
		properties.add("spring.datasource.password", shared::password);
	}

	@LocalServerPort
	int port;

	@Autowired
	StaffManagement staff;

	@Autowired
	AccountManagement accounts;

	@Autowired
	StaffInvitations invitations;

	@Autowired
	MailLinks links;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	@BeforeEach
	void noAccounts() {
		this.jdbc.update("delete from spring_session");
		this.jdbc.update("delete from account_audit");
		this.jdbc.update("delete from staff_invitations");
		this.jdbc.update("delete from setup_token");
		this.jdbc.update("delete from mail_outbox");
		this.jdbc.update("delete from accounts");
	}

	@Test
	void createsTheFirstAdminOnceThroughTheSetupLinkAndThenAnswers404() {
		String token = this.staff.issueSetupToken().orElseThrow();
		assertThat(this.jdbc.queryForObject("select token_hash from setup_token", String.class)).isNotEqualTo(token)
			.hasSize(64);
		TestBrowser browser = browser();
		assertThat(browser.get("/setup?token=not-the-token").status()).isEqualTo(404);
		assertThat(browser.get("/setup").status()).isEqualTo(404);

		assertThat(browser.get("/setup?token=" + token).status()).isEqualTo(200);
		Page created = browser.post("/setup", Map.of("token", token, "email", "Owner@Example.com", "displayName",
				"Olga Owner", "password", PASSWORD));

		assertThat(created.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/admin/staff"));
		Page staffPage = browser.follow(created);
		assertThat(staffPage.status()).isEqualTo(200);
		assertThat(staffPage.body()).contains("owner@example.com");
		assertThat(this.staff.staff()).extracting(StaffMember::roles).containsExactly(EnumSet.of(Role.ADMIN));

		TestBrowser second = browser();
		assertThat(second.get("/setup?token=" + token).status()).isEqualTo(404);
		browser.get("/admin/staff");
		assertThat(
				browser
					.post("/setup",
							Map.of("token", token, "email", "second@example.com", "displayName", "Second Try",
									"password", PASSWORD))
					.status())
			.isEqualTo(404);
		assertThat(this.staff.issueSetupToken()).isEmpty();
		assertThat(this.staff.staff()).hasSize(1);
	}

	@Test
	void issuesNoSetupTokenWhenAnAdminExists() {
		this.accounts.createIfAbsent("admin@example.com", "Ada", PASSWORD, Set.of(Role.ADMIN));

		assertThat(this.staff.issueSetupToken()).isEmpty();
	}

	@Test
	void keepsAFreshSetupTokenForTheOtherNodesOfARollOut() {
		String first = this.staff.issueSetupToken().orElseThrow();

		assertThat(this.staff.issueSetupToken()).isEmpty();
		assertThat(this.staff.isSetupOpen(first)).isTrue();
	}

	@Test
	void refusesTheAdminAreaUntilTheFirstAdminExists() {
		this.accounts.createIfAbsent("early-merch@example.com", "Early", PASSWORD, Set.of(Role.MERCHANDISER));
		TestBrowser browser = browser();
		browser.signIn("early-merch@example.com", PASSWORD);

		assertThat(browser.get("/admin").status()).isEqualTo(503);

		this.accounts.createIfAbsent("admin@example.com", "Ada", PASSWORD, Set.of(Role.ADMIN));
		assertThat(browser.get("/admin").status()).isEqualTo(200);
	}

	@Test
	void invitesTheBootstrapAdminByMailOnlyWhileNoAdminExists() {
		FirstRun firstRun = new FirstRun(this.staff, this.invitations, this.links, this.clock, "Boss@Example.com");
		firstRun.run(null);

		String mail = this.jdbc.queryForObject(
				"select text_body from mail_outbox where recipient = 'boss@example.com' and template = 'staff-invitation'",
				String.class);
		Matcher link = INVITATION_LINK.matcher(mail);
		assertThat(link.find()).isTrue();
		firstRun.run(null);
		assertThat(this.jdbc.queryForObject("select count(*) from staff_invitations", Long.class)).isOne();

		TestBrowser browser = browser();
		browser.get(link.group());
		Page accepted = browser.post(link.group(), Map.of("displayName", "Bo Boss", "password", PASSWORD));
		assertThat(accepted.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/account"));
		assertThat(browser.get("/admin/staff").status()).isEqualTo(200);
		assertThat(this.staff.adminExists()).isTrue();

		firstRun.run(null);
		assertThat(this.jdbc.queryForObject("select count(*) from staff_invitations", Long.class)).isOne();
		assertThat(this.jdbc.queryForObject("select count(*) from setup_token", Long.class)).isZero();
	}

	@Test
	void neverDemotesOrDeactivatesTheLastActiveAdmin() {
		StaffMember ada = admin("ada@example.com");
		StaffMember bea = admin("bea@example.com");
		Actor byAda = new Actor(ada.id(), ada.email(), "127.0.0.1");

		this.staff.changeRoles(byAda, bea.id(), EnumSet.of(Role.OPS));

		assertThatExceptionOfType(LastAdminException.class)
			.isThrownBy(() -> this.staff.changeRoles(byAda, ada.id(), EnumSet.of(Role.MERCHANDISER)));
		assertThatExceptionOfType(LastAdminException.class).isThrownBy(() -> this.staff.deactivate(byAda, ada.id()));

		TestBrowser browser = browser();
		browser.signIn(ada.email(), PASSWORD);
		browser.get("/admin/staff");
		Page refused = browser
			.follow(browser.post("/admin/staff/" + ada.id().value() + "/roles", Map.of("roles", "MERCHANDISER")));
		assertThat(refused.body()).contains("this is the last active admin");
		browser.get("/admin/staff");
		refused = browser.follow(browser.post("/admin/staff/" + ada.id().value() + "/deactivate", Map.of()));
		assertThat(refused.body()).contains("this is the last active admin");
		assertThat(this.staff.member(ada.id()).orElseThrow().roles()).containsExactly(Role.ADMIN);
		assertThat(this.staff.adminExists()).isTrue();
	}

	@Test
	void letsOnlyOneOfTwoAdminsDemotingEachOtherAtOnceSucceed() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				noAccounts();
				StaffMember ada = admin("ada-" + round + "@example.com");
				StaffMember bea = admin("bea-" + round + "@example.com");
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Boolean> adaDemotesBea = threads.submit(() -> demote(start, ada, bea));
				Future<Boolean> beaDeactivatesAda = threads.submit(() -> {
					start.await();
					try {
						this.staff.deactivate(new Actor(bea.id(), bea.email(), null), ada.id());
						return true;
					}
					catch (LastAdminException ex) {
						return false;
					}
				});

				assertThat(List.of(adaDemotesBea.get(), beaDeactivatesAda.get())).containsExactlyInAnyOrder(true,
						false);
				assertThat(this.jdbc.queryForObject("""
						select count(*) from accounts a where a.enabled
						and exists (select 1 from account_roles r where r.account_id = a.id and r.role = 'ADMIN')
						""", Long.class)).isOne();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private boolean demote(CyclicBarrier start, StaffMember actor, StaffMember subject) throws Exception {
		start.await();
		try {
			this.staff.changeRoles(new Actor(actor.id(), actor.email(), null), subject.id(), EnumSet.of(Role.OPS));
			return true;
		}
		catch (LastAdminException ex) {
			return false;
		}
	}

	private StaffMember admin(String email) {
		this.accounts.createIfAbsent(email, email.substring(0, 3), PASSWORD, Set.of(Role.ADMIN));
		return this.staff.staff().stream().filter(member -> member.email().equals(email)).findFirst().orElseThrow();
	}

	private TestBrowser browser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

}
