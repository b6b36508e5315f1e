package io.microdrops.e2e;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;

/**
 * Watches one page for what no visitor should meet: JavaScript errors in the console,
 * requests that fail or answer with an error status, mixed content, and requests to any
 * origin but the shop's own. Keeps the last document the page loaded, for the HTML
 * validator.
 */
final class PageMonitor {

	private final Page page;

	private final String origin;

	private final List<String> problems = new ArrayList<>();

	private Response document;

	PageMonitor(Page page, String baseUrl) {
		this.page = page;
		this.origin = origin(baseUrl);
		page.onConsoleMessage(message -> {
			if ("error".equals(message.type())) {
				this.problems.add("console error: " + message.text());
			}
			else if (message.text().toLowerCase(Locale.ROOT).contains("mixed content")) {
				this.problems.add("mixed content: " + message.text());
			}
		});
		page.onPageError(error -> this.problems.add("uncaught JavaScript error: " + error));
		page.onRequest(this::checkOrigin);
		page.onRequestFailed(this::failed);
		page.onResponse(this::answered);
	}

	private void checkOrigin(Request request) {
		String url = request.url();
		if (url.startsWith("data:") || url.startsWith("blob:")) {
			return;
		}
		if (this.origin.startsWith("https:") && url.startsWith("http:")) {
			this.problems.add("mixed content: " + url);
		}
		else if (!origin(url).equals(this.origin)) {
			this.problems.add("request to another origin: " + url);
		}
	}

	private void failed(Request request) {
		String failure = request.failure();
		// A navigation cancels the page's own background refresh; that is no fault.
		boolean abortedRefresh = failure != null && failure.contains("ERR_ABORTED")
				&& ("xhr".equals(request.resourceType()) || "fetch".equals(request.resourceType()));
		if (!abortedRefresh) {
			this.problems.add("failed request: " + request.method() + " " + request.url() + " (" + failure + ")");
		}
	}

	private void answered(Response response) {
		if (response.status() >= 400) {
			this.problems
				.add("error status " + response.status() + ": " + response.request().method() + " " + response.url());
		}
		if (response.request().isNavigationRequest() && response.frame() == this.page.mainFrame()
				&& (response.status() < 300 || response.status() >= 400)) {
			this.document = response;
		}
	}

	/**
	 * Returns the problems met since the last call, and forgets them.
	 * @return what went wrong, in words
	 */
	List<String> takeProblems() {
		List<String> taken = List.copyOf(this.problems);
		this.problems.clear();
		return taken;
	}

	/**
	 * Returns the last document the page loaded.
	 * @return the main frame's last navigation answer, or {@code null} before the first
	 */
	Response document() {
		return this.document;
	}

	private static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getAuthority();
	}

}
