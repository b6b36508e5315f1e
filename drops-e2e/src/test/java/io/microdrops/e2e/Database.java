package io.microdrops.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Read-only looks into the packaged application's embedded database, to prove that
 * refused input left nothing behind.
 */
final class Database {

	private final String url;

	Database(String url) {
		this.url = url;
	}

	/**
	 * Counts rows.
	 * @param sql a {@code select count(*)} statement
	 * @param parameters its parameters
	 * @return the count
	 */
	long count(String sql, Object... parameters) {
		try (Connection connection = DriverManager.getConnection(this.url, "postgres", "");
				PreparedStatement statement = connection.prepareStatement(sql)) {
			connection.setReadOnly(true);
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the database: " + ex.getMessage(), ex);
		}
	}

}
