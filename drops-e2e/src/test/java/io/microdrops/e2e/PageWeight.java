package io.microdrops.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.LoadState;

/**
 * What a page costs a visitor with an empty cache: the bytes of its HTML, CSS and
 * JavaScript as they travel (compressed where the server compresses), images left out.
 *
 * @param path the page
 * @param transferred bytes over the wire
 * @param decoded bytes after decompression
 * @param requests how many HTML, CSS and JavaScript requests
 */
record PageWeight(String path, long transferred, long decoded, int requests) {

	private static final Set<String> COUNTED = Set.of("document", "stylesheet", "script");

	/**
	 * Loads a page in a fresh browser context (so nothing is cached) that carries the
	 * same cookies as the visitor's, and adds up what it fetched.
	 * @param browser the browser
	 * @param visitor the visitor's context, for their cookies and viewport
	 * @param options how to open a context like the visitor's
	 * @param url the page's address
	 * @return its weight
	 */
	static PageWeight measure(Browser browser, BrowserContext visitor, Browser.NewContextOptions options, String url) {
		try (BrowserContext cold = browser
			.newContext(options.setStorageState(visitor.storageState()).setServiceWorkers(null))) {
			Page page = cold.newPage();
			List<Request> finished = new ArrayList<>();
			page.onRequestFinished(finished::add);
			page.navigate(url);
			page.waitForLoadState(LoadState.LOAD);
			long transferred = 0;
			long decoded = 0;
			int requests = 0;
			// Reading sizes lets more events in: work on what had finished at load.
			for (Request request : List.copyOf(finished)) {
				if (!COUNTED.contains(request.resourceType()) || request.response() == null) {
					continue;
				}
				transferred += request.sizes().responseBodySize;
				decoded += request.response().body().length;
				requests++;
			}
			String path = url.replaceFirst("^https?://[^/]+", "").replaceFirst("#.*$", "");
			return new PageWeight(path, transferred, decoded, requests);
		}
	}

}
