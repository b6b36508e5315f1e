package io.microdrops.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.orm.jpa.JpaSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A database that cannot be reached is "try again shortly" (503), never a 500; other
 * failures pass through untouched.
 */
class DatabaseOutagesTests {

	private final DatabaseOutages filter = new DatabaseOutages();

	@Test
	void anApiCallWithoutItsDatabaseIsAnswered503ProblemWithRetryAfter() throws Exception {
		MockHttpServletResponse response = call("/api/v1/reservations/x/order",
				new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
						new SQLTransientConnectionException("Connection is not available, request timed out", "08001",
								new java.net.ConnectException("Connection refused"))));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":503")
			.contains("\"title\":\"Temporarily unavailable\"")
			.contains("problems/database-unavailable")
			.doesNotContain("Connection is not available");
	}

	@Test
	void anApiCallThatFoundEveryConnectionBusyIsAskedToSlowDown() throws Exception {
		MockHttpServletResponse response = call("/api/v1/drops/x/reservations",
				new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
						new SQLTransientConnectionException("Connection is not available, request timed out")));

		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":429").contains("problems/busy");
	}

	@Test
	void aConnectionClosedByAServerShuttingDownIsAnOutageToo() throws Exception {
		// PostgreSQL's 57P01 (admin_shutdown), wrapped as Spring MVC wraps a failed
		// handler.
		ServletException wrapped = new ServletException("Request processing failed",
				new UncategorizedSQLException("select", "select 1",
						new SQLException("terminating connection due to administrator command", "57P01")));

		MockHttpServletResponse response = call("/drops/spring-drop", wrapped);

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).startsWith("text/html");
		assertThat(response.getContentAsString()).contains("Back in a moment");
	}

	@Test
	void aRollbackOnAConnectionThePoolFoundBrokenIsAnOutage() throws Exception {
		// A statement failed as PostgreSQL shut down; the rollback that followed failed
		// on
		// the pool's closed connection, and that is what reaches the filter.
		JpaSystemException rollback = new JpaSystemException(new RuntimeException(
				"Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));

		MockHttpServletResponse response = call("/api/v1/drops/spring-drop/reservations", rollback);

		assertThat(response.getStatus()).isEqualTo(503);
	}

	@Test
	void otherFailuresAreNotTurnedInto503() {
		DataIntegrityViolationException bug = new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key value violates unique constraint", "23505"));

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> call("/api/v1/drops", bug))
			.isSameAs(bug);
	}

	private MockHttpServletResponse call(String uri, Exception failure) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		request.setRequestURI(uri);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain() {

			@Override
			public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response)
					throws java.io.IOException, ServletException {
				if (failure instanceof ServletException servlet) {
					throw servlet;
				}
				throw (RuntimeException) failure;
			}

		});
		return response;
	}

}
