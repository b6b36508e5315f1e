package io.microdrops.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server for the whole test JVM: a {@code postgres:17} container when
 * a Docker engine answers, otherwise an embedded PostgreSQL 17 in a temporary folder.
 * Started on first use, stopped when the JVM exits.
 */
public final class TestDatabase {

	private static final Log logger = LogFactory.getLog(TestDatabase.class);

	private static volatile Connection connection;

	private TestDatabase() {
	}

	/**
	 * Returns the connection details of the test JVM's PostgreSQL server, starting it on
	 * the first call.
	 * @return JDBC URL, user name and password of a database that tests may use freely
	 */
	public static Connection connection() {
		Connection current = connection;
		if (current == null) {
			synchronized (TestDatabase.class) {
				current = connection;
				if (current == null) {
					current = start();
					connection = current;
				}
			}
		}
		return current;
	}

	private static Connection start() {
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
			logger.info("Tests use PostgreSQL in a container at " + container.getJdbcUrl());
			return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		try {
			Path dataDirectory = Files.createTempDirectory("drops-test-pg");
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(true)
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.setServerConfig("max_connections", "300")
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					logger.warn("Embedded test PostgreSQL did not stop cleanly", ex);
				}
			}, "test-postgres-stop"));
			String url = postgres.getJdbcUrl("postgres", "postgres");
			logger.info("No Docker engine answered; tests use embedded PostgreSQL at " + url);
			return new Connection(url, "postgres", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded test PostgreSQL", ex);
		}
	}

	private static boolean dockerAvailable() {
		if (Boolean.getBoolean("drops.test.embedded-only")) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Where a test reaches its database.
	 *
	 * @param url the JDBC URL
	 * @param username the user name
	 * @param password the password
	 */
	public record Connection(String url, String username, String password) {
	}

}
