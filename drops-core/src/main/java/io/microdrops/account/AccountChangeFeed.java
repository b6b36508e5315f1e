package io.microdrops.account;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears the database's account changes ({@code LISTEN drops_account_changes}, sent by
 * triggers on {@code accounts}, {@code account_roles} and {@code api_tokens}) on a
 * connection of its own, outside the pool, and makes {@link KnownTokens} forget the
 * changed account's tokens. While it is not listening (starting, the database away) the
 * memory is not trusted; when it listens again, the memory starts empty.
 */
@Component
class AccountChangeFeed implements SmartLifecycle {

	/** The channel the triggers notify; the payload is an account id, or {@code *}. */
	static final String CHANNEL = "drops_account_changes";

	private static final Logger log = LoggerFactory.getLogger(AccountChangeFeed.class);

	private static final int POLL_MILLIS = 1_000;

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final KnownTokens memory;

	private final String url;

	private final String username;

	private final String password;

	private volatile boolean running;

	private volatile Thread listener;

	private Connection connection;

	AccountChangeFeed(KnownTokens memory, @Value("${spring.datasource.url:}") String url,
			@Value("${spring.datasource.username:}") String username,
			@Value("${spring.datasource.password:}") String password) {
		this.memory = memory;
		this.url = url;
		this.username = username;
		this.password = password;
	}

	@Override
	public void start() {
		if (this.url.isBlank() || !this.url.startsWith("jdbc:postgresql:")) {
			log.info("No PostgreSQL URL: API tokens are checked in the database on every call");
			return;
		}
		this.running = true;
		this.listener = Thread.ofPlatform().daemon().name("account-change-feed").start(this::listen);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.listener;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(2 * POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.memory.distrust();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		boolean warned = false;
		while (this.running) {
			try {
				connect();
				warned = false;
				while (this.running) {
					receive(POLL_MILLIS);
				}
			}
			catch (SQLException ex) {
				this.memory.distrust();
				if (this.running && !warned) {
					log.warn(
							"Not hearing account changes ({}): API tokens are checked in the database until it is back",
							ex.getMessage());
					warned = true;
				}
				close();
				pause();
			}
		}
		close();
	}

	/**
	 * Opens the feed's connection and listens: from then on the memory is trusted.
	 * @throws SQLException when the database cannot be reached
	 */
	void connect() throws SQLException {
		close();
		Connection opened = DriverManager.getConnection(this.url, this.username, this.password);
		try (Statement statement = opened.createStatement()) {
			statement.execute("listen " + CHANNEL);
		}
		catch (SQLException ex) {
			opened.close();
			throw ex;
		}
		this.connection = opened;
		this.memory.trust();
	}

	/**
	 * Waits up to {@code millis} for changes and makes the memory forget what changed.
	 * @param millis longest wait
	 * @return how many notifications arrived
	 * @throws SQLException when the connection broke
	 */
	int receive(int millis) throws SQLException {
		Connection current = this.connection;
		if (current == null) {
			throw new SQLException("Not connected");
		}
		PGNotification[] notifications = current.unwrap(PGConnection.class).getNotifications(millis);
		if (notifications == null) {
			if (current.isClosed()) {
				throw new SQLException("Connection closed");
			}
			return 0;
		}
		for (PGNotification notification : notifications) {
			forget(notification.getParameter());
		}
		return notifications.length;
	}

	private void forget(String payload) {
		try {
			this.memory.forget(new AccountId(UUID.fromString(payload)));
		}
		catch (IllegalArgumentException ex) {
			// "*" (a table emptied) or anything unforeseen: forget everything.
			this.memory.forgetAll();
		}
	}

	void close() {
		Connection current = this.connection;
		this.connection = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (SQLException ex) {
				// Broken already: nothing to give back.
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(RETRY);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
