package io.microdrops.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;

/**
 * Finds an embedded PostgreSQL left running on the data folder by a Drops process that
 * was killed without shutting down (kill -9, a power cut of the JVM only), and stops it,
 * so the next start can use the folder again. A server whose parent process is still
 * alive is another Drops at work and is never touched.
 */
final class OrphanedPostgres {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	private OrphanedPostgres() {
	}

	static void stopIfAny(Path dataDirectory, Log logger) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isReadable(pidFile)) {
			return;
		}
		Optional<ProcessHandle> server = pid(pidFile).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter(process -> isPostgresOn(process, dataDirectory))
			.filter(OrphanedPostgres::isOrphan);
		server.ifPresent(process -> {
			logger.warn("Stopping the embedded PostgreSQL (pid " + process.pid()
					+ ") that a previous Drops left running on " + dataDirectory);
			// SIGTERM asks PostgreSQL for a smart shutdown; nobody is connected any more.
			process.destroy();
			try {
				process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				logger.warn("The orphaned PostgreSQL did not stop in time; starting may fail", ex);
			}
		});
	}

	private static Optional<Long> pid(Path pidFile) {
		try {
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgresOn(ProcessHandle process, Path dataDirectory) {
		return process.info()
			.commandLine()
			.map(command -> command.contains("postgres") && command.contains(dataDirectory.toString()))
			.orElse(false);
	}

	private static boolean isOrphan(ProcessHandle process) {
		// An orphan is adopted by init (or a sub-reaper) once the JVM that started it is
		// gone.
		return process.parent()
			.map(parent -> parent.pid() == 1 || parent.info().command().map(c -> !c.contains("java")).orElse(true))
			.orElse(true);
	}

}
