package io.microdrops.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the harness's own, in a fresh data folder on a loopback port,
 * run with the server's own {@code initdb} and {@code pg_ctl} so that it can be stopped
 * the ways a real server goes down: a fast shutdown (clients are disconnected, open
 * transactions roll back) and an immediate shutdown (the server dies without a
 * checkpoint and recovers from its write-ahead log at the next start). PostgreSQL refuses
 * to run as root, so as root the commands run as the {@code postgres} user.
 */
final class Postgres {

	private final Path bin;

	private final Path dataDirectory;

	private final Path log;

	private final int port;

	private final boolean asPostgresUser;

	Postgres(Path bin, Path workDirectory, int port) {
		this.bin = bin;
		this.dataDirectory = workDirectory.resolve("pgdata");
		this.log = workDirectory.resolve("postgres.log");
		this.port = port;
		this.asPostgresUser = "root".equals(System.getProperty("user.name"));
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	int port() {
		return this.port;
	}

	/** Creates the cluster (trust authentication, loopback only) and starts it. */
	void initAndStart() throws IOException, InterruptedException {
		Path parent = this.dataDirectory.getParent();
		Files.createDirectories(parent);
		if (this.asPostgresUser) {
			run(List.of("chown", "postgres", parent.toString()));
			Files.deleteIfExists(this.log);
			Files.createFile(this.log);
			run(List.of("chown", "postgres", this.log.toString()));
		}
		run(command("initdb", "-D", this.dataDirectory.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
				"--no-sync"));
		Files.writeString(this.dataDirectory.resolve("postgresql.conf"), """

				# The fault harness's server: loopback only, its socket in the data folder.
				listen_addresses = '127.0.0.1'
				port = %d
				unix_socket_directories = '%s'
				max_connections = 100
				synchronous_commit = on
				fsync = on
				""".formatted(this.port, this.dataDirectory), java.nio.file.StandardOpenOption.APPEND);
		start();
	}

	void start() throws IOException, InterruptedException {
		run(command("pg_ctl", "-D", this.dataDirectory.toString(), "-l", this.log.toString(), "-w", "-t", "60",
				"start"));
	}

	/**
	 * Stops the server.
	 * @param mode {@code fast} or {@code immediate}
	 */
	void stop(String mode) throws IOException, InterruptedException {
		run(command("pg_ctl", "-D", this.dataDirectory.toString(), "-m", mode, "-w", "-t", "60", "stop"));
	}

	/** Stops the server if it runs; used when the harness ends. */
	void stopQuietly() {
		try {
			stop("fast");
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			// Not running.
		}
	}

	private List<String> command(String tool, String... arguments) {
		List<String> command = new ArrayList<>();
		if (this.asPostgresUser) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(this.bin.resolve(tool).toString());
		command.addAll(List.of(arguments));
		return command;
	}

	private void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dataDirectory.getParent().resolve("pg_ctl.log").toFile()))
			.start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Timed out: " + String.join(" ", command));
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("Failed (exit " + process.exitValue() + "): " + String.join(" ", command)
					+ "; see " + this.dataDirectory.getParent().resolve("pg_ctl.log"));
		}
	}

}
