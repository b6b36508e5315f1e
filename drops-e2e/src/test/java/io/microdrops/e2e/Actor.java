package io.microdrops.e2e;

import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;

/**
 * One person in a journey, with a browser context of their own (cookies, viewport). Each
 * {@link #step(String)} takes a screenshot and passes the page through the quality gates.
 */
final class Actor implements AutoCloseable {

	private final String name;

	private final Journey journey;

	private final BrowserContext context;

	private final Browser.NewContextOptions options;

	private final Page page;

	private final PageMonitor monitor;

	Actor(String name, Journey journey, Browser browser, Browser.NewContextOptions options) {
		this.name = name;
		this.journey = journey;
		this.options = options;
		this.context = browser.newContext(options);
		this.context.setDefaultTimeout(30_000);
		this.page = this.context.newPage();
		this.monitor = new PageMonitor(this.page, journey.baseUrl());
	}

	String name() {
		return this.name;
	}

	Page page() {
		return this.page;
	}

	/**
	 * Opens a page of the shop.
	 * @param path the path, for example {@code /signup}
	 * @return this person
	 */
	Actor open(String path) {
		this.page.navigate(path);
		return this;
	}

	/**
	 * Presses a button that submits a form, and waits for the page the shop answers with
	 * (after any redirect) to load.
	 * @param button the submit button
	 */
	void submit(Locator button) {
		this.page.waitForResponse(response -> response.request().isNavigationRequest()
				&& response.frame() == this.page.mainFrame() && (response.status() < 300 || response.status() >= 400),
				button::click);
		this.page.waitForLoadState(LoadState.LOAD);
	}

	/**
	 * Presses the submit button matching a selector.
	 * @param selector the button's selector
	 */
	void submit(String selector) {
		submit(this.page.locator(selector).first());
	}

	/**
	 * Takes a screenshot without checking anything, for a journey that failed.
	 * @param label what to call it
	 */
	void snapshot(String label) {
		this.page.screenshot(
				new Page.ScreenshotOptions().setPath(this.journey.screenshot(this.name, label)).setFullPage(true));
	}

	/**
	 * Records a step: a screenshot, then every quality gate on the page as it is; for a
	 * storefront page loaded with GET also its weight.
	 * @param label what the step shows, used in the screenshot's name and the report
	 * @throws AssertionError when the page fails a gate
	 */
	void step(String label) {
		this.page.waitForLoadState(LoadState.LOAD);
		Path screenshot = this.journey.screenshot(this.name, label);
		this.page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
		List<String> problems = this.journey.gates()
			.check(this.journey.name(), label, this.name, this.page, this.monitor);
		if (!problems.isEmpty()) {
			throw new AssertionError("Step '" + label + "' of " + this.name + " at " + this.page.url() + " ("
					+ screenshot.getFileName() + ") failed the quality gates:\n  " + String.join("\n  ", problems));
		}
		if (isStorefrontGet() && this.journey.firstVisit(this.page.url())) {
			weigh(label);
		}
	}

	/**
	 * Weighs the storefront page as it is now, loaded again with an empty cache. Steps
	 * weigh each page the first time they meet it; this weighs it again, for a state
	 * worth knowing (a drop page with its reserve form, say).
	 * @param label what the page shows
	 */
	void weigh(String label) {
		if (!isStorefrontGet()) {
			throw new IllegalStateException("Only storefront pages loaded with GET are weighed: " + this.page.url());
		}
		this.journey.weigh(label, this.context, this.options, this.page.url());
	}

	private boolean isStorefrontGet() {
		Response document = this.monitor.document();
		return document != null && "GET".equals(document.request().method()) && document.status() == 200
				&& this.page.locator("body.area-storefront").count() > 0;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
