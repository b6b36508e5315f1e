package io.microdrops.storefront.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;
import io.microdrops.account.StaffManagement;
import io.microdrops.account.TwoFactorManagement;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TwoFactorSignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-factor sign-in over real HTTP. Codes are computed from the secret the setup page
 * shows, as an authenticator app would; the code for the next 30-second step is used at
 * sign-in, since the step of the enrolment code cannot be used twice (the server accepts
 * one step either side).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TwoFactorSignInIntegrationTests {

	static final String PASSWORD = "staff member password";

	private static final Pattern SECRET = Pattern.compile("<code class=\"totp-secret\">([A-Z2-7]+)</code>");

	private static final Pattern RECOVERY_CODE = Pattern.compile("<li><code>([a-z0-9-]+)</code></li>");

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	TwoFactorManagement twoFactor;

	@AfterEach
	void optionalAgain() {
		this.twoFactor.requireForStaff(new StaffManagement.Actor(AccountId.random(), "test", null), false);
	}

	@Test
	void staffTurnItOnWithAQrCodeAndThenSignInWithACodeAfterThePassword() {
		String email = staff(Role.MERCHANDISER);
		TestBrowser merch = browser();
		merch.signIn(email, PASSWORD);
		assertThat(merch.get("/account").body()).contains("href=\"/account/two-factor\"");
		assertThat(merch.get("/account/two-factor").body()).contains("Off.");
		Page setup = merch.get("/account/two-factor/setup");
		assertThat(setup.body()).contains("src=\"/account/two-factor/qr.png\"");
		String secret = secret(setup);
		Page qr = merch.get("/account/two-factor/qr.png");
		assertThat(qr.status()).isEqualTo(200);
		assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(qr.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		Page wrong = merch.post("/account/two-factor/setup", Map.of("code", wrongCode(secret)));
		assertThat(wrong.body()).contains("That code is not right");

		Page enabled = merch.post("/account/two-factor/setup", Map.of("code", code(secret, 0)));

		assertThat(enabled.status()).isEqualTo(200);
		List<String> recoveryCodes = recoveryCodes(enabled);
		assertThat(recoveryCodes).hasSize(10);
		assertThat(merch.get("/account/two-factor").body()).contains("On.").contains("10 recovery codes left");

		TestBrowser later = browser();
		Page password = later.signIn(email, PASSWORD);
		assertThat(password.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login/code"));
		assertThat(later.get("/admin").location()).as("not signed in before the code")
			.hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(later.get("/login/code").body()).contains("Enter your code");
		Page refused = later.post("/login/code", Map.of("code", wrongCode(secret)));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("That code is not right");

		Page signedIn = later.post("/login/code", Map.of("code", code(secret, 1)));

		assertThat(signedIn.location()).as("back to the page that asked for sign-in")
			.hasValueSatisfying(url -> assertThat(url).contains("/admin"));
		assertThat(later.get("/admin").status()).isEqualTo(200);

		TestBrowser lostPhone = browser();
		lostPhone.signIn(email, PASSWORD);
		lostPhone.get("/login/code");
		assertThat(lostPhone.post("/login/code", Map.of("code", recoveryCodes.get(0))).location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/admin"));
		TestBrowser again = browser();
		again.signIn(email, PASSWORD);
		again.get("/login/code");
		assertThat(again.post("/login/code", Map.of("code", recoveryCodes.get(0))).body())
			.as("a recovery code works once")
			.contains("That code is not right");
	}

	@Test
	void fiveWrongCodesSendThePersonBackToThePassword() {
		String email = staff(Role.OPS);
		TestBrowser ops = browser();
		ops.signIn(email, PASSWORD);
		String secret = secret(ops.get("/account/two-factor/setup"));
		ops.post("/account/two-factor/setup", Map.of("code", code(secret, 0)));

		TestBrowser guesser = browser();
		guesser.signIn(email, PASSWORD);
		guesser.get("/login/code");
		for (int attempt = 1; attempt < TwoFactorSignIn.MAX_FAILURES; attempt++) {
			assertThat(guesser.post("/login/code", Map.of("code", wrongCode(secret))).status()).isEqualTo(200);
		}
		Page last = guesser.post("/login/code", Map.of("code", wrongCode(secret)));

		assertThat(last.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(guesser.follow(last).body()).contains("Too many wrong codes");
		assertThat(guesser.post("/login/code", Map.of("code", code(secret, 1))).location())
			.as("the right code no longer helps without the password")
			.hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(guesser.get("/ops").status()).isEqualTo(302);
	}

	@Test
	void whenAdminsRequireItStaffSetItUpAtTheirNextSignInBeforeTheyGetIn() {
		TestAccounts.ensure(this.accounts);
		TestBrowser admin = browser();
		admin.signIn(TestAccounts.ADMIN, TestAccounts.PASSWORD);
		assertThat(admin.get("/admin/staff").body()).contains("Optional: staff may turn it on");
		Page saved = admin.post("/admin/staff/two-factor", Map.of("required", "true"));
		assertThat(admin.follow(saved).body()).contains("Required: every staff account");
		String email = staff(Role.OPS);

		TestBrowser ops = browser();
		Page password = ops.signIn(email, PASSWORD);

		assertThat(password.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login/enrol"));
		assertThat(ops.get("/ops").status()).as("not signed in before enrolling").isEqualTo(302);
		Page enrol = ops.get("/login/enrol");
		assertThat(enrol.body()).contains("requires two-factor sign-in for staff")
			.contains("src=\"/login/enrol/qr.png\"");
		assertThat(ops.get("/login/enrol/qr.png").headers().firstValue("Content-Type")).hasValue("image/png");
		String secret = secret(enrol);
		Page done = ops.post("/login/enrol", Map.of("code", code(secret, 0)));
		assertThat(done.status()).isEqualTo(200);
		assertThat(recoveryCodes(done)).hasSize(10);
		assertThat(done.body()).contains("href=\"/ops\"");
		assertThat(ops.get("/ops").status()).isEqualTo(200);
		assertThat(ops.get("/account/two-factor").body()).doesNotContain("Turn off");

		TestBrowser fan = browser();
		assertThat(fan.signIn(TestAccounts.FAN, TestAccounts.PASSWORD).location()).as("fans are not asked")
			.hasValueSatisfying(url -> assertThat(url).endsWith("/"));
		assertThat(fan.get("/account/two-factor").status()).isEqualTo(404);
	}

	private static String secret(Page page) {
		Matcher secret = SECRET.matcher(page.body());
		assertThat(secret.find()).as("a secret on the page").isTrue();
		return secret.group(1);
	}

	private static List<String> recoveryCodes(Page page) {
		return RECOVERY_CODE.matcher(page.body()).results().map(match -> match.group(1)).toList();
	}

	// What an authenticator app shows now (steps = 0) or in the next 30 seconds (1).
	private static String code(String secret, int steps) {
		try {
			return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret,
					Math.floorDiv(Instant.now().getEpochSecond(), 30) + steps);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// A code no step around now has.
	private static String wrongCode(String secret) {
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!code.equals(code(secret, -1)) && !code.equals(code(secret, 0)) && !code.equals(code(secret, 1))
					&& !code.equals(code(secret, 2))) {
				return code;
			}
		}
	}

	private String staff(Role role) {
		String email = AccountSecurityIntegrationTests.unique(role.name().toLowerCase());
		this.accounts.createIfAbsent(email, role.name(), PASSWORD, Set.of(role));
		return email;
	}

	private TestBrowser browser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

}
