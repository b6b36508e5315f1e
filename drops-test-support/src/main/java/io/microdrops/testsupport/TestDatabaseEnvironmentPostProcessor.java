package io.microdrops.testsupport;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring context started in a test JVM at that JVM's real PostgreSQL (see
 * {@link TestDatabase}), unless the test configured a datasource URL itself. Runs before
 * the application's own embedded-database default, which then stands aside. A test that
 * wants to exercise that default sets {@code drops.test.shared-database=false}.
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Background jobs wait an hour in tests, also before their first run: tests drive
	 * them themselves, and a job of one cached context must not race the assertions of
	 * another on the shared database (a late first expiry round, on its context's moved
	 * clock, released holds under a test's own release). A test can still set its own
	 * interval.
	 */
	private static final Map<String, Object> QUIET_JOBS = Map.of("drops.checkout.expiry-interval", "PT1H",
			"drops.checkout.expiry-initial-delay", "PT1H", "drops.cadence.initial-delay", "PT1H",
			"drops.cadence.run-interval", "PT1H", "drops.waitlist.invite-initial-delay", "PT1H",
			"drops.waitlist.invite-interval", "PT1H", "drops.mail.send-interval", "PT1H",
			"drops.preorder.settle-interval", "PT1H", "drops.drop-live.interval", "PT1H");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains("dropsTestQuietJobs")) {
			environment.getPropertySources().addLast(new MapPropertySource("dropsTestQuietJobs", QUIET_JOBS));
		}
		if (environment.containsProperty("spring.datasource.url")
				|| !environment.getProperty("drops.test.shared-database", Boolean.class, true)) {
			return;
		}
		TestDatabase.Connection connection = TestDatabase.connection();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("dropsTestDatabase",
					Map.of("spring.datasource.url", connection.url(), "spring.datasource.username",
							connection.username(), "spring.datasource.password", connection.password(),
							// The test JVM's database stops in a shutdown hook of its
							// own; contexts
							// closing in parallel would wait on it for their pool's
							// timeout.
							"spring.main.register-shutdown-hook", "false")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
