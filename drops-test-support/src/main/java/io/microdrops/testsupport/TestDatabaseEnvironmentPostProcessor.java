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

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
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
