package io.microdrops.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One application node: the packaged jar in a JVM of its own on its own port, on the
 * harness's PostgreSQL (an external database, so no embedded server and no demo data
 * unless asked), paying through the harness's payment stub as if it were Stripe.
 */
final class Node {

	private final String name;

	private final Path jar;

	private final Path workDirectory;

	private final int port;

	private final List<String> settings;

	private final boolean demo;

	private Process process;

	private volatile boolean expectedDown;

	Node(String name, Path jar, Path workDirectory, int port, List<String> settings, boolean demo) {
		this.name = name;
		this.jar = jar;
		this.workDirectory = workDirectory;
		this.port = port;
		this.settings = settings;
		this.demo = demo;
	}

	String name() {
		return this.name;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Whether a fault took this node down on purpose: refused connections are expected. */
	boolean expectedDown() {
		return this.expectedDown;
	}

	void start() throws IOException {
		Files.createDirectories(this.workDirectory);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xmx512m");
		command.add("--enable-native-access=ALL-UNNAMED");
		command.add("-jar");
		command.add(this.jar.toString());
		command.add("--server.port=" + this.port);
		command.add("--server.address=127.0.0.1");
		command.add("--drops.demo.enabled=" + this.demo);
		command.addAll(this.settings);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.workDirectory.resolve("app.log").toFile()));
		builder.environment().put("DROPS_DATA_DIR", this.workDirectory.resolve("data").toString());
		builder.environment().put("DROPS_DEMO_PASSWORD", FaultHarness.DEMO_PASSWORD);
		builder.environment().remove("SPRING_DATASOURCE_URL");
		builder.environment().remove("SPRING_PROFILES_ACTIVE");
		this.process = builder.start();
	}

	/**
	 * Waits until the node reports itself healthy ({@code /actuator/health} UP).
	 * @param timeout how long at most
	 * @return how long it took
	 * @throws IllegalStateException when the process stopped or it was not healthy in
	 * time
	 */
	Duration awaitHealthy(Duration timeout) throws InterruptedException {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (System.nanoTime() < deadline) {
			if (this.process != null && !this.process.isAlive()) {
				throw new IllegalStateException(this.name + " stopped (exit " + this.process.exitValue() + "); see "
						+ this.workDirectory.resolve("app.log"));
			}
			try {
				HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					this.expectedDown = false;
					return Duration.ofNanos(System.nanoTime() - started);
				}
			}
			catch (IOException ex) {
				// Not listening yet, or the database is not back yet.
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		throw new IllegalStateException(this.name + " was not healthy within " + timeout + "; see "
				+ this.workDirectory.resolve("app.log"));
	}

	/** Kills the JVM at once (SIGKILL, as {@code kill -9}): nothing is shut down cleanly. */
	void kill() throws InterruptedException {
		this.expectedDown = true;
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** Stops the JVM gracefully (SIGTERM), then forcibly if it hangs. */
	void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
