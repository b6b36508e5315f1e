package io.microdrops.e2e;

import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * What all journeys share, started once per test run: the packaged application and one
 * headless Chromium. Closing it stops both and writes the quality report.
 */
final class JourneySuite implements AutoCloseable {

	/** Debian's Chromium in a container: no sandbox, no GPU, nothing phoning home. */
	static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--disable-sync");

	private final Path output;

	private final PackagedApp app;

	private final Playwright playwright;

	private final Browser browser;

	private final QualityReport report = new QualityReport();

	private final QualityGates gates = new QualityGates(this.report);

	private final Database database;

	private JourneySuite(Path output, PackagedApp app, Playwright playwright, Browser browser) {
		this.output = output;
		this.app = app;
		this.playwright = playwright;
		this.browser = browser;
		this.database = new Database(app.jdbcUrl());
	}

	static JourneySuite start(Path chromium, Path jar, Path output) {
		long started = System.nanoTime();
		PackagedApp app = PackagedApp.launch(jar, output.resolve("e2e"));
		// The HTML checker loads its schemas once, meanwhile too.
		Thread.ofVirtual().start(HtmlValidator::warmUp);
		Playwright playwright = null;
		try {
			// The browser starts while the application does.
			playwright = Playwright.create(
					new Playwright.CreateOptions().setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
			Browser browser = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
					.setArgs(CHROMIUM_ARGS)
					.setHeadless(true));
			app.awaitReady();
			System.out.printf("Browser journeys: packaged application ready at %s after %d s (log: %s)%n",
					app.baseUrl(), (System.nanoTime() - started) / 1_000_000_000, app.log());
			return new JourneySuite(output, app, playwright, browser);
		}
		catch (RuntimeException ex) {
			if (playwright != null) {
				playwright.close();
			}
			app.close();
			throw ex;
		}
	}

	Path output() {
		return this.output;
	}

	PackagedApp app() {
		return this.app;
	}

	Browser browser() {
		return this.browser;
	}

	QualityGates gates() {
		return this.gates;
	}

	QualityReport report() {
		return this.report;
	}

	Database database() {
		return this.database;
	}

	@Override
	public void close() {
		try {
			this.browser.close();
			this.playwright.close();
		}
		finally {
			this.app.close();
			Path file = this.output.resolve("e2e").resolve("quality-report.md");
			this.report.write(file);
			System.out.print(this.report.summary());
			System.out.println(
					"Browser journeys: report in " + file + ", screenshots in " + this.output.resolve("screenshots"));
		}
	}

}
