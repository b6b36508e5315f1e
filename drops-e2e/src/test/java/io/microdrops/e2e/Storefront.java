package io.microdrops.e2e;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What fans do in the storefront, and reading their mail in the admin outbox (the shop's
 * mailbox when no SMTP server is configured).
 */
final class Storefront {

	private static final Pattern CONFIRMATION_LINK = Pattern
		.compile("https?://[^/\\s]+(/account/confirm\\?token=\\S+)");

	private Storefront() {
	}

	/**
	 * Signs up through the sign-up form; the shop answers "check your inbox", so the new
	 * fan then signs in and opens their account.
	 * @param fan the person
	 * @param email their address
	 * @param name their display name
	 * @param password their password
	 */
	static void signUp(Actor fan, String email, String name, String password) {
		Page page = fan.page();
		if (!page.url().endsWith("/signup")) {
			fan.open("/signup");
		}
		page.locator("#email").fill(email);
		page.locator("#displayName").fill(name);
		page.locator("#password").fill(password);
		page.locator("#marketingConsent").check();
		fan.submit("form[action='/signup'] button[type=submit]");
		// The same answer whether or not the address has an account: check your inbox.
		page.waitForURL("**/signup/check-inbox");
		signIn(fan, email, password);
		fan.open("/account");
	}

	/**
	 * Signs in through the sign-in form.
	 * @param person the person
	 * @param email the account
	 * @param password its password
	 */
	static void signIn(Actor person, String email, String password) {
		person.open("/login");
		Page page = person.page();
		page.locator("#username").fill(email);
		page.locator("#password").fill(password);
		person.submit("main form button[type=submit]");
		assertThat(page.locator("form[action='/logout']")).hasCount(1);
	}

	/**
	 * Opens, as an admin, the newest mail to someone whose subject starts with the given
	 * text, waiting up to 30 s for it to be queued.
	 * @param admin someone signed in as ADMIN
	 * @param recipient the address
	 * @param subject the start of the subject
	 * @return the mail's text version
	 */
	static String openMail(Actor admin, String recipient, String subject) {
		Page page = admin.page();
		Locator link = page.locator("tbody tr")
			.filter(new Locator.FilterOptions().setHasText(recipient))
			.locator("th a")
			.filter(new Locator.FilterOptions().setHasText(subject));
		// Playwright is single-threaded: poll on this thread.
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.pollInSameThread()
			.alias("a mail '" + subject + "…' to " + recipient + " in the outbox")
			.until(() -> {
				admin.open("/admin/outbox");
				return link.count() > 0;
			});
		link.first().click();
		page.waitForURL("**/admin/outbox/*");
		return page.locator("pre.mail-text").first().textContent();
	}

	/**
	 * Finds the confirmation link in a mail's text.
	 * @param mailText the text version of the confirmation mail
	 * @return the link's path and query
	 */
	static String confirmationPath(String mailText) {
		Matcher link = CONFIRMATION_LINK.matcher(mailText);
		if (!link.find()) {
			throw new AssertionError("No confirmation link in the mail:\n" + mailText);
		}
		return link.group(1);
	}

}
