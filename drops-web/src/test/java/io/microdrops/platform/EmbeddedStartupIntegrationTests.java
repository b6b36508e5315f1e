package io.microdrops.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.microdrops.DropsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the application the way a newcomer does, with no database configured: it must
 * start its own embedded PostgreSQL, migrate it, create the demo accounts and serve
 * pages; started again on the same data folder, it must find everything still there.
 */
class EmbeddedStartupIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void bootsOnTheEmbeddedDatabaseAndKeepsItsDataAcrossARestart(@TempDir Path dataDirectory) throws Exception {
		try (ConfigurableApplicationContext app = start(dataDirectory)) {
			String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
			assertThat(app.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://");
			assertThat(app.getEnvironment().getProperty("drops.embedded-database.active")).isEqualTo("true");

			HttpResponse<String> home = get(base + "/", "text/html");
			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).contains("Small drops for the fans who care most").contains("<meta name=\"_csrf\"");
			assertThat(home.headers().allValues("set-cookie")).noneMatch(cookie -> cookie.startsWith("DROPS_SESSION"));

			HttpResponse<String> health = get(base + "/actuator/health", "application/json");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");

			HttpResponse<String> missing = get(base + "/no-such-page", "text/html");
			assertThat(missing.statusCode()).isEqualTo(404);
			assertThat(missing.body()).contains("Page not found").doesNotContain("Exception");

			assertThat(demoAccounts(app)).isEqualTo(4);
		}
		assertThat(dataDirectory.resolve("pgdata/PG_VERSION")).exists();
		assertThat(Files.readString(dataDirectory.resolve("pgdata/PG_VERSION")).strip()).isEqualTo("17");

		try (ConfigurableApplicationContext again = start(dataDirectory)) {
			assertThat(demoAccounts(again)).isEqualTo(4);
			assertThat(new JdbcTemplate(again.getBean(javax.sql.DataSource.class))
				.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
				.isGreaterThanOrEqualTo(3);
		}
	}

	private ConfigurableApplicationContext start(Path dataDirectory) {
		return new SpringApplicationBuilder(DropsApplication.class).run("--server.port=0",
				"--drops.test.shared-database=false", "--drops.data-dir=" + dataDirectory,
				"--drops.demo.password=startup test password");
	}

	private long demoAccounts(ConfigurableApplicationContext app) {
		return new JdbcTemplate(app.getBean(javax.sql.DataSource.class))
			.queryForObject(
					"select count(*) from accounts where email like '%@example.com' and email in "
							+ "('admin@example.com','merch@example.com','ops@example.com','fan@example.com')",
					Long.class);
	}

	private HttpResponse<String> get(String url, String accept) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
