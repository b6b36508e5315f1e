package io.microdrops.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a test class as browser journeys: skips it, with the reason, when there is no
 * Chromium; otherwise starts the {@link JourneySuite} once for all classes and hands each
 * test a fresh {@link Journey}.
 * <p>
 * Chromium is looked for at {@code /usr/bin/chromium} (Debian's package), or where the
 * {@code drops.e2e.chromium} system property or {@code DROPS_E2E_CHROMIUM} environment
 * variable point.
 */
final class BrowserJourneys
		implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, AfterTestExecutionCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BrowserJourneys.class);

	private static volatile boolean reasonPrinted;

	@Override
	public void beforeAll(ExtensionContext context) {
		if (chromiumMissing().isEmpty()) {
			// Pages of a shared, busy machine may take a while; a wrong page still fails.
			PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
			suite(context);
		}
	}

	/** Each journey is reported as skipped, with the reason, when there is no browser. */
	@Override
	public void beforeEach(ExtensionContext context) {
		Optional<String> missing = chromiumMissing();
		if (missing.isPresent()) {
			if (!reasonPrinted) {
				reasonPrinted = true;
				System.out.println(missing.get());
			}
			Assumptions.abort(missing.get());
		}
	}

	private static Optional<String> chromiumMissing() {
		Path chromium = chromium();
		if (Files.isExecutable(chromium)) {
			return Optional.empty();
		}
		return Optional.of("Browser journeys skipped: no Chromium at " + chromium
				+ " (install Debian's chromium package, or point DROPS_E2E_CHROMIUM at a Chromium)");
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		Journey journey = context.getStore(NAMESPACE).get(Journey.class, Journey.class);
		if (journey != null && context.getExecutionException().isPresent()) {
			journey.snapshotAll();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Journey.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		String journeyName = context.getRequiredTestClass().getSimpleName().replace("JourneyTests", "") + "-"
				+ context.getRequiredTestMethod().getName();
		Journey journey = new Journey(journeyName, suite(context));
		// Closed by JUnit when the test ends, pass or fail.
		context.getStore(NAMESPACE).put(Journey.class, journey);
		return journey;
	}

	private static JourneySuite suite(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(JourneySuite.class, key -> JourneySuite.start(chromium(), packagedJar(), output()),
					JourneySuite.class);
	}

	static Path chromium() {
		return Path.of(Optional.ofNullable(System.getProperty("drops.e2e.chromium"))
			.or(() -> Optional.ofNullable(System.getenv("DROPS_E2E_CHROMIUM")))
			.orElse("/usr/bin/chromium"));
	}

	private static Path packagedJar() {
		String jar = System.getProperty("drops.e2e.jar");
		if (jar == null || jar.isBlank() || jar.startsWith("${")) {
			// Run outside Maven (an IDE): the jar that the last package built.
			Path target = Path.of("..", "drops-web", "target").toAbsolutePath().normalize();
			try (Stream<Path> jars = Files.list(target)) {
				return jars.filter(path -> path.getFileName().toString().matches("drops-web-.*\\.jar"))
					.findFirst()
					.orElse(target.resolve("drops-web.jar"));
			}
			catch (IOException ex) {
				return target.resolve("drops-web.jar");
			}
		}
		return Path.of(jar);
	}

	private static Path output() {
		return Path.of(Optional.ofNullable(System.getProperty("drops.e2e.output")).orElse("target")).toAbsolutePath();
	}

}
