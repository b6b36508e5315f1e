package io.microdrops.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Demo mode's accounts, one per role, created once: running again changes nothing. Their
 * password is {@code DROPS_DEMO_PASSWORD} or else a random one kept in the data folder,
 * so it stays the same across restarts. Only active in demo mode (the embedded default or
 * the {@code demo} profile), never in production.
 */
@Component
@Order(0)
@ConditionalOnBooleanProperty("drops.demo.enabled")
class DemoAccounts implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoAccounts.class);

	static final List<DemoAccount> ACCOUNTS = List.of(new DemoAccount("admin@example.com", "Ada Admin", Role.ADMIN),
			new DemoAccount("merch@example.com", "Mo Merchandiser", Role.MERCHANDISER),
			new DemoAccount("ops@example.com", "Oli Ops", Role.OPS),
			new DemoAccount("fan@example.com", "Fay Fan", Role.FAN));

	private final AccountManagement accounts;

	private final String configuredPassword;

	private final Path dataDirectory;

	DemoAccounts(AccountManagement accounts, @Value("${drops.demo.password:}") String configuredPassword,
			@Value("${drops.data-dir}") String dataDirectory) {
		this.accounts = accounts;
		this.configuredPassword = configuredPassword;
		this.dataDirectory = Path.of(dataDirectory);
	}

	@Override
	public void run(ApplicationArguments args) {
		String password = password();
		int created = 0;
		for (DemoAccount account : ACCOUNTS) {
			Set<Role> roles = EnumSet.of(account.role());
			if (this.accounts.createIfAbsent(account.email(), account.displayName(), password, roles)) {
				created++;
			}
		}
		StringBuilder banner = new StringBuilder("\n\n  Drops demo accounts (" + created + " created now)\n");
		ACCOUNTS.forEach(account -> banner.append(String.format("    %-20s %s%n", account.email(), account.role())));
		banner.append("  password: ").append(password).append("\n");
		logger.info(banner);
	}

	private String password() {
		if (StringUtils.hasText(this.configuredPassword)) {
			return this.configuredPassword;
		}
		Path file = this.dataDirectory.resolve("demo-password.txt");
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			String generated = generate();
			Files.createDirectories(this.dataDirectory);
			Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system (Windows): the folder's own permissions apply.
			}
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep the demo password in " + file, ex);
		}
	}

	private static String generate() {
		String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			if (i > 0 && i % 4 == 0) {
				password.append('-');
			}
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}

	record DemoAccount(String email, String displayName, Role role) {
	}

}
