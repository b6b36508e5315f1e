package io.microdrops.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The executable jar, started as a separate process on free ports with a fresh data
 * folder, its embedded PostgreSQL and a known demo password, exactly as a person starts
 * it. {@link #close()} stops it gracefully, which stops its PostgreSQL too; a server left
 * behind by a killed JVM is stopped through its pid file.
 */
final class PackagedApp implements AutoCloseable {

	static final String DEMO_PASSWORD = "journeys-demo-password";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

	private final Process process;

	private final Path dataDirectory;

	private final Path log;

	private final int port;

	private final int databasePort;

	private PackagedApp(Process process, Path dataDirectory, Path log, int port, int databasePort) {
		this.process = process;
		this.dataDirectory = dataDirectory;
		this.log = log;
		this.port = port;
		this.databasePort = databasePort;
	}

	/**
	 * Starts the jar; {@link #awaitReady()} waits until it is ready.
	 * @param jar the executable jar
	 * @param workDirectory a folder of its own: the data folder and the log go there
	 * @return the starting application
	 */
	static PackagedApp launch(Path jar, Path workDirectory) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No packaged application at " + jar
					+ ": build it first (./mvnw -B verify builds it before the journeys run)");
		}
		try {
			Path dataDirectory = workDirectory.resolve("data");
			deleteRecursively(dataDirectory);
			Files.createDirectories(dataDirectory);
			Path log = workDirectory.resolve("app.log");
			int port = freePort();
			int databasePort = freePort();
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			// Starts faster on a small machine; the application is the same jar.
			command.add("-XX:TieredStopAtLevel=1");
			command.add("-jar");
			command.add(jar.toAbsolutePath().toString());
			command.add("--server.port=" + port);
			command.add("--drops.embedded-database.port=" + databasePort);
			// Early-access invitations go out within seconds instead of a minute.
			command.add("--drops.waitlist.invite-interval=PT2S");
			command.add("--drops.waitlist.invite-initial-delay=PT1S");
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("DROPS_DATA_DIR", dataDirectory.toString());
			builder.environment().put("DROPS_DEMO_PASSWORD", DEMO_PASSWORD);
			builder.environment().remove("SPRING_DATASOURCE_URL");
			builder.environment().remove("SPRING_MAIL_HOST");
			builder.environment().remove("SPRING_PROFILES_ACTIVE");
			return new PackagedApp(builder.start(), dataDirectory, log, port, databasePort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.databasePort + "/postgres";
	}

	Path log() {
		return this.log;
	}

	/**
	 * Waits until the application reports itself ready; stops it if it does not.
	 * @throws IllegalStateException when it stopped, or was not ready in time
	 */
	void awaitReady() {
		try {
			pollReadiness();
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void pollReadiness() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("The application stopped while starting (exit code "
							+ this.process.exitValue() + "):\n" + tailOfLog());
				}
				try {
					HttpResponse<String> response = client.send(readiness, HttpResponse.BodyHandlers.ofString());
					return response.statusCode() == 200 && response.body().contains("\"UP\"");
				}
				catch (IOException ex) {
					// Not listening yet.
					return false;
				}
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(
					"The application was not ready within " + START_TIMEOUT + ":\n" + tailOfLog());
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		stopLeftOverPostgres();
	}

	/** A graceful stop closes the embedded PostgreSQL; a forced one leaves it running. */
	private void stopLeftOverPostgres() {
		Path pidFile = this.dataDirectory.resolve("pgdata").resolve("postmaster.pid");
		postgresPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(server -> {
			server.destroy();
			server.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(ex -> {
				server.destroyForcibly();
				return server;
			}).join();
		});
	}

	private static Optional<Long> postgresPid(Path pidFile) {
		try {
			if (!Files.isReadable(pidFile)) {
				return Optional.empty();
			}
			return Files.readAllLines(pidFile, StandardCharsets.UTF_8)
				.stream()
				.findFirst()
				.map(String::strip)
				.filter(line -> line.matches("\\d+"))
				.map(Long::valueOf);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private String tailOfLog() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + this.log + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
