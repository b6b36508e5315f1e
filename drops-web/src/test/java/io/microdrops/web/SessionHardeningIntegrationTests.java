package io.microdrops.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.microdrops.account.AccountManagement;
import io.microdrops.testsupport.MovableClock;
import io.microdrops.testsupport.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions over real HTTP: staff sessions end when idle and at their absolute limit,
 * fans' do not; behind a TLS proxy the cookies are Secure and HSTS is sent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SessionHardeningIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MovableClock clock;

	TestBrowser browser;

	@BeforeEach
	void openBrowser() {
		TestAccounts.ensure(this.accounts);
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void endsAStaffSessionAfterThirtyIdleMinutes() {
		this.browser.signIn(TestAccounts.MERCHANDISER, TestAccounts.PASSWORD);
		assertThat(this.browser.get("/admin").status()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.browser.get("/admin").status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(31));

		TestBrowser.Page expired = this.browser.get("/admin");
		assertThat(expired.status()).isEqualTo(302);
		assertThat(expired.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login?expired"));
		assertThat(this.browser.follow(expired).body()).contains("Please sign in again");
		assertThat(this.browser.get("/admin").location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
	}

	@Test
	void endsAnActiveStaffSessionTwelveHoursAfterSigningIn() {
		this.browser.signIn(TestAccounts.OPS, TestAccounts.PASSWORD);
		assertThat(this.browser.get("/ops").status()).isEqualTo(200);
		for (int i = 0; i < 35; i++) {
			this.clock.advance(Duration.ofMinutes(20));
			assertThat(this.browser.get("/ops").status()).as("after %d minutes", (i + 1) * 20).isEqualTo(200);
		}
		this.clock.advance(Duration.ofMinutes(21));

		assertThat(this.browser.get("/ops").location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/login?expired"));
	}

	@Test
	void keepsAFansSessionThroughAnIdleHour() {
		this.browser.signIn(TestAccounts.FAN, TestAccounts.PASSWORD);
		this.clock.advance(Duration.ofHours(1));

		assertThat(this.browser.get("/account").status()).isEqualTo(200);
	}

	@Test
	void sendsSecureCookiesAndHstsOnlyBehindATlsProxy() throws Exception {
		HttpResponse<Void> proxied = fetch("/admin", "https");
		assertThat(proxied.headers().allValues("Set-Cookie")).anySatisfy(
				cookie -> assertThat(cookie).startsWith("DROPS_SESSION=").contains("Secure").contains("HttpOnly"));
		assertThat(proxied.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
		assertThat(proxied.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).startsWith("https://"));

		HttpResponse<Void> plain = fetch("/admin", null);
		assertThat(plain.headers().allValues("Set-Cookie"))
			.noneSatisfy(cookie -> assertThat(cookie).contains("Secure"));
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void allowsNoInlineScriptsInTheContentSecurityPolicy() throws Exception {
		HttpResponse<Void> home = fetch("/", null);

		assertThat(home.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'")
				.doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval"));
		assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	private HttpResponse<Void> fetch(String path, String forwardedProto) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (forwardedProto != null) {
			request.header("X-Forwarded-Proto", forwardedProto);
		}
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request.build(), HttpResponse.BodyHandlers.discarding());
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now());
		}

	}

}
