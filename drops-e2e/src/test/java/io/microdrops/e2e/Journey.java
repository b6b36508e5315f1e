package io.microdrops.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;

/**
 * One journey through the packaged shop: the people in it, each with a browser of their
 * own, and where its screenshots go ({@code target/screenshots/<journey>/}).
 */
final class Journey implements AutoCloseable {

	private static final AtomicInteger RUNS = new AtomicInteger();

	private final String name;

	private final JourneySuite suite;

	private final Path screenshots;

	private final AtomicInteger steps = new AtomicInteger();

	private final List<Actor> actors = new ArrayList<>();

	private final String unique;

	private final Set<String> visited = new HashSet<>();

	Journey(String name, JourneySuite suite) {
		this.name = name;
		this.suite = suite;
		this.screenshots = suite.output().resolve("screenshots").resolve(name);
		this.unique = Integer.toString(RUNS.incrementAndGet()) + Long.toString(System.nanoTime() % 100_000, 36);
		try {
			// Screenshots of an earlier run would mix with this one's.
			if (Files.isDirectory(this.screenshots)) {
				try (Stream<Path> old = Files.list(this.screenshots)) {
					for (Path file : old.toList()) {
						Files.delete(file);
					}
				}
			}
			Files.createDirectories(this.screenshots);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String name() {
		return this.name;
	}

	String baseUrl() {
		return this.suite.app().baseUrl();
	}

	String demoPassword() {
		return PackagedApp.DEMO_PASSWORD;
	}

	Database database() {
		return this.suite.database();
	}

	QualityGates gates() {
		return this.suite.gates();
	}

	/**
	 * A short token for names that must be unique in the shop (slugs, e-mail addresses).
	 * @return letters and digits
	 */
	String unique() {
		return this.unique;
	}

	/**
	 * Someone at a desktop browser (1280×800), as admin and ops staff work.
	 * @param who their role in the journey, used in screenshot names
	 * @return the person
	 */
	Actor desktop(String who) {
		return actor(who, new Browser.NewContextOptions().setViewportSize(1280, 800));
	}

	/**
	 * Someone on a phone (390×844, touch), as fans shop.
	 * @param who their role in the journey, used in screenshot names
	 * @return the person
	 */
	Actor phone(String who) {
		return actor(who,
				new Browser.NewContextOptions().setViewportSize(390, 844)
					.setDeviceScaleFactor(2)
					.setIsMobile(true)
					.setHasTouch(true));
	}

	private Actor actor(String who, Browser.NewContextOptions options) {
		Actor actor = new Actor(who, this, this.suite.browser(), options.setBaseURL(baseUrl()));
		this.actors.add(actor);
		return actor;
	}

	Path screenshot(String actor, String label) {
		String file = String.format(Locale.ROOT, "%02d-%s-%s.png", this.steps.incrementAndGet(), actor, label)
			.replaceAll("[^A-Za-z0-9._-]+", "-");
		return this.screenshots.resolve(file);
	}

	/**
	 * Tells whether a page is met for the first time in this journey.
	 * @param url the page's address; the fragment does not count
	 * @return {@code true} the first time
	 */
	boolean firstVisit(String url) {
		return this.visited.add(url.replaceFirst("#.*$", ""));
	}

	void weigh(String label, BrowserContext context, Browser.NewContextOptions options, String url) {
		PageWeight weight = PageWeight.measure(this.suite.browser(), context, options, url);
		this.suite.report().add(new QualityReport.Weight(this.name, label, weight));
	}

	/**
	 * Returns the weights measured so far in this journey.
	 * @return the weights
	 */
	List<PageWeight> weights() {
		return this.suite.report().weights(this.name);
	}

	/**
	 * Photographs every person's page as it is, after a failure.
	 */
	void snapshotAll() {
		for (Actor actor : this.actors) {
			try {
				actor.snapshot("at-failure");
			}
			catch (RuntimeException ex) {
				// The browser may be what failed; the test's own error says more.
			}
		}
	}

	@Override
	public void close() {
		this.actors.forEach(Actor::close);
	}

}
