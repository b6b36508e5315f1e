package io.microdrops.admin.staff;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;
import io.microdrops.account.StaffManagement;
import io.microdrops.account.StaffManagement.StaffMember;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff over real HTTP with database-backed sessions: invitations, role changes,
 * deactivation and the audit log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StaffIntegrationTests {

	private static final Pattern INVITATION_LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]+)");

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	StaffManagement staff;

	@Autowired
	JdbcTemplate jdbc;

	TestBrowser admin;

	@BeforeEach
	void signInAsAdmin() {
		TestAccounts.ensure(this.accounts);
		this.admin = browser();
		this.admin.signIn(TestAccounts.ADMIN, TestAccounts.PASSWORD);
	}

	@Test
	void acceptingAnInvitationCreatesAnAccountWithExactlyTheInvitedRolesAndSignsIn() {
		String email = unique("invited");
		this.admin.get("/admin/staff");
		Page sent = this.admin.post("/admin/staff/invitations", Map.of("email", email, "roles", "OPS"));
		assertThat(sent.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/admin/staff"));
		String link = invitationLinkMailedTo(email);

		TestBrowser invitee = browser();
		assertThat(invitee.get(link).body()).contains(email).contains("grants the roles Ops.");
		Page accepted = invitee.post(link, Map.of("displayName", "Ivy Invited", "password", "pick and pack all day"));

		assertThat(accepted.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/account"));
		assertThat(member(email).roles()).containsExactly(Role.OPS);
		assertThat(invitee.get("/ops").status()).isEqualTo(200);
		assertThat(invitee.get("/admin").status()).isEqualTo(403);
	}

	@Test
	void anAdminWithdrawsAPendingInvitationAndItsLinkStopsWorking() {
		String email = unique("withdrawn");
		this.admin.get("/admin/staff");
		this.admin.post("/admin/staff/invitations", Map.of("email", email, "roles", "MERCHANDISER"));
		String link = invitationLinkMailedTo(email);
		String pending = this.admin.get("/admin/staff").body();
		assertThat(pending).contains(email + "</span> —").contains("<span>Merchandiser</span> —");

		Page withdrawn = this.admin
			.follow(this.admin.post("/admin/staff/invitations/withdraw", Map.of("email", email)));
		assertThat(withdrawn.body()).contains("Invitation withdrawn: its link no longer works.")
			.doesNotContain(email + "</span> —");
		assertThat(browser().get(link).status()).isEqualTo(404);
		Page again = this.admin.follow(this.admin.post("/admin/staff/invitations/withdraw", Map.of("email", email)));
		assertThat(again.body()).contains("There is no pending invitation to that address");

		// The audit log names the roles as people read them, on this address's rows.
		String audit = this.admin.get("/admin/staff/audit").body();
		assertThat(audit).doesNotContain("<td>MERCHANDISER</td>");
		assertThat(java.util.Arrays.stream(audit.split("<tr")).filter(row -> row.contains("<td>" + email + "</td>")))
			.anySatisfy(
					row -> assertThat(row).contains("<td>Invitation withdrawn</td>").contains("<td>Merchandiser</td>"))
			.anySatisfy(row -> assertThat(row).contains("<td>Invited</td>").contains("<td>Merchandiser</td>"));
	}

	@Test
	void anInvitationLinkWorksOnce() {
		String email = unique("once");
		String link = "/invitations/" + this.staff.invite(null, email, EnumSet.of(Role.MERCHANDISER, Role.OPS));
		TestBrowser first = browser();
		first.get(link);
		first.post(link, Map.of("displayName", "First", "password", "the first one wins"));
		assertThat(member(email).roles()).containsExactlyInAnyOrder(Role.MERCHANDISER, Role.OPS);

		TestBrowser second = browser();
		Page used = second.get(link);
		assertThat(used.status()).isEqualTo(410);
		assertThat(used.body()).contains("has been used");
		assertThat(second.post(link, Map.of("displayName", "Second", "password", "the second one loses")).status())
			.isEqualTo(410);
		assertThat(member(email).displayName()).isEqualTo("First");
	}

	@Test
	void anInvitationLinkExpires() {
		String email = unique("late");
		String link = "/invitations/" + this.staff.invite(null, email, EnumSet.of(Role.OPS));
		this.jdbc.update("update staff_invitations set created_at = now() - interval '8 days', "
				+ "expires_at = now() - interval '1 day' where email = ?", email);

		TestBrowser late = browser();
		Page expired = late.get(link);
		assertThat(expired.status()).isEqualTo(410);
		assertThat(expired.body()).contains("has expired");
		assertThat(late.post(link, Map.of("displayName", "Late", "password", "too late for this")).status())
			.isEqualTo(410);
		assertThat(this.accounts.findCredentials(email)).isEmpty();
		assertThat(browser().get("/invitations/made-up-token").status()).isEqualTo(404);
	}

	@Test
	void anExistingAccountGetsTheInvitedRolesOnlyAfterSigningIn() {
		String email = unique("fan");
		this.accounts.createIfAbsent(email, "Fan First", TestAccounts.PASSWORD, Set.of(Role.FAN));
		String link = "/invitations/" + this.staff.invite(null, email, EnumSet.of(Role.OPS));

		TestBrowser fan = browser();
		assertThat(fan.get(link).body()).contains("sign in first, then open the link again");
		fan.post(link, Map.of("displayName", "Someone Else", "password", "taking over the account"));
		assertThat(member(email).roles()).containsExactly(Role.FAN);

		fan.signIn(email, TestAccounts.PASSWORD);
		assertThat(fan.get(link).body()).contains("Add these roles to my account");
		Page granted = fan.post(link + "/roles", Map.of());

		assertThat(granted.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/account"));
		assertThat(member(email).roles()).containsExactlyInAnyOrder(Role.FAN, Role.OPS);
		assertThat(member(email).displayName()).isEqualTo("Fan First");
		assertThat(fan.get("/ops").status()).isEqualTo(200);
	}

	@Test
	void aRoleChangeTakesEffectOnTheNextRequest() {
		String email = unique("merch");
		this.accounts.createIfAbsent(email, "Mia Merch", TestAccounts.PASSWORD, Set.of(Role.MERCHANDISER));
		TestBrowser merch = browser();
		merch.signIn(email, TestAccounts.PASSWORD);
		assertThat(merch.get("/admin").status()).isEqualTo(200);

		this.admin.get("/admin/staff");
		this.admin.post("/admin/staff/" + member(email).id().value() + "/roles", Map.of("roles", "OPS"));

		assertThat(merch.get("/admin").location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		merch.signIn(email, TestAccounts.PASSWORD);
		assertThat(merch.get("/admin").status()).isEqualTo(403);
		assertThat(merch.get("/ops").status()).isEqualTo(200);
	}

	@Test
	void deactivationEndsTheAccountsSessionsAtOnce() {
		String email = unique("ops");
		this.accounts.createIfAbsent(email, "Oz Ops", TestAccounts.PASSWORD, Set.of(Role.OPS));
		TestBrowser ops = browser();
		ops.signIn(email, TestAccounts.PASSWORD);
		TestBrowser opsElsewhere = browser();
		opsElsewhere.signIn(email, TestAccounts.PASSWORD);
		assertThat(ops.get("/ops").status()).isEqualTo(200);
		UUID id = member(email).id().value();

		this.admin.get("/admin/staff");
		this.admin.post("/admin/staff/" + id + "/deactivate", Map.of());

		assertThat(ops.get("/ops").location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(opsElsewhere.get("/ops").location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(this.jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class,
				email))
			.isZero();
		assertThat(ops.signIn(email, TestAccounts.PASSWORD).location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));

		this.admin.get("/admin/staff");
		this.admin.post("/admin/staff/" + id + "/reactivate", Map.of());
		assertThat(ops.signIn(email, TestAccounts.PASSWORD).location())
			.hasValueSatisfying(url -> assertThat(url).contains("/ops"));
	}

	@Test
	void theStaffPagesAreForAdminsOnly() {
		TestBrowser merch = browser();
		merch.signIn(TestAccounts.MERCHANDISER, TestAccounts.PASSWORD);

		assertThat(merch.get("/admin/staff").status()).isEqualTo(403);
		assertThat(merch.get("/admin/staff/audit").status()).isEqualTo(403);
		assertThat(merch.get("/admin").body()).doesNotContain("href=\"/admin/staff\"");
		merch.get("/admin");
		assertThat(merch.post("/admin/staff/invitations", Map.of("email", unique("x"), "roles", "ADMIN")).status())
			.isEqualTo(403);

		Page staffPage = this.admin.get("/admin/staff");
		assertThat(staffPage.status()).isEqualTo(200);
		assertThat(staffPage.body()).contains(TestAccounts.MERCHANDISER).contains("href=\"/admin/staff\"");
	}

	@Test
	void signInSuccessesAndFailuresAppearInTheAuditLog() {
		String email = unique("audited");
		String password = "an audited password";
		this.accounts.createIfAbsent(email, "Aud Ited", password, Set.of(Role.OPS));
		browser().signIn(email, "a wrong password typed");
		browser().signIn(email, password);

		Page audit = this.admin.get("/admin/staff/audit");

		assertThat(audit.status()).isEqualTo(200);
		assertThat(audit.body()).contains(email).contains("Sign-in failed").contains("Signed in").contains("127.0.0.1");
		assertThat(this.jdbc.queryForList("select action from account_audit where subject = ? order by id",
				String.class, email))
			.containsExactly("SIGN_IN_FAILED", "SIGNED_IN");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from account_audit where detail like '%wrong password%' or detail like '%audited pass%'",
				Long.class))
			.isZero();
		assertThat(member(email).lastSignedInAt()).isNotNull();
	}

	@Test
	void answersBadInvitationsAndUnknownAccountsWithMessagesNotErrors() {
		this.admin.get("/admin/staff");
		Page noRole = this.admin.post("/admin/staff/invitations", Map.of("email", unique("norole")));
		assertThat(noRole.status()).isEqualTo(200);
		assertThat(noRole.body()).contains("Choose at least one role.");
		Page fanRole = this.admin.post("/admin/staff/invitations", Map.of("email", unique("fanrole"), "roles", "FAN"));
		assertThat(fanRole.status()).isEqualTo(200);
		assertThat(fanRole.body()).contains("Please correct");
		assertThat(this.admin.post("/admin/staff/" + UUID.randomUUID() + "/deactivate", Map.of()).status())
			.isEqualTo(404);
	}

	private String invitationLinkMailedTo(String email) {
		String text = this.jdbc.queryForObject(
				"select text_body from mail_outbox where recipient = ? and template = 'staff-invitation'", String.class,
				email);
		Matcher link = INVITATION_LINK.matcher(text);
		assertThat(link.find()).isTrue();
		return link.group();
	}

	private StaffMember member(String email) {
		return this.staff.staff()
			.stream()
			.filter(member -> member.email().equals(email))
			.findFirst()
			.or(() -> this.accounts.findCredentials(email).flatMap(credentials -> this.staff.member(credentials.id())))
			.orElseThrow();
	}

	private TestBrowser browser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@example.com";
	}

}
