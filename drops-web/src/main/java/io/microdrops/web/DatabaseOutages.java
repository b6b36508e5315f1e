package io.microdrops.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers "try again shortly" when the database cannot be reached: while PostgreSQL
 * restarts or fails over, or when every pooled connection stays taken for
 * {@code spring.datasource.hikari.connection-timeout}, a request that needs it fails, and
 * the fan should learn that it is temporary rather than see an error page or a 500. The
 * JSON API answers {@code 503} problem+json with {@code Retry-After}, pages a short 503
 * page. Nothing was written: the transaction that could not reach the database did not
 * commit. Placed ahead of the session and security filters, whose own database work
 * (sessions, API tokens) fails the same way.
 */
@Component
class DatabaseOutages extends OncePerRequestFilter implements Ordered {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutages.class);

	static final String RETRY_AFTER_SECONDS = "5";

	private static final String CLOSED_CONNECTION = "Connection is closed";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!isOutage(ex) || response.isCommitted()) {
				throw ex;
			}
			if (isFullPool(ex) && request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				// The database answers; every connection is busy. That is the API's "slow
				// down", as when the admission limit is reached, not an outage.
				response.reset();
				ApiSecurityProblems.busy(response);
				return;
			}
			logger.warn("Database unavailable, answered 503 to {} {}: {}", request.getMethod(), request.getRequestURI(),
					rootCause(ex).toString());
			response.reset();
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
			response.setHeader("Cache-Control", "no-store");
			response.setCharacterEncoding("UTF-8");
			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				response.setContentType("application/problem+json");
				response.getWriter()
					.write("{\"type\":\"https://microdrops.io/problems/database-unavailable\","
							+ "\"title\":\"Temporarily unavailable\",\"status\":503,"
							+ "\"detail\":\"Drops's database is busy or out of reach just now. Nothing was changed; "
							+ "try again after the Retry-After seconds (with the same Idempotency-Key).\"}");
			}
			else {
				response.setContentType("text/html");
				response.getWriter()
					.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
							+ "<title>Back in a moment — Drops</title></head><body><main>"
							+ "<h1>Back in a moment</h1><p>Drops's database is busy or out of reach just now. "
							+ "Nothing was changed. Try again in a few seconds.</p></main></body></html>");
			}
		}
	}

	/**
	 * Tells whether a failure means the database could not be reached or dropped the
	 * connection (a restart, a crash, a full pool), rather than a bug.
	 * @param failure what was thrown
	 * @return {@code true} for an outage
	 */
	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			// PostgreSQL's classes 08 (connection exception), 57P (operator intervention:
			// shutting down, starting up) and 53 (insufficient resources).
			if (cause instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
					|| sql.getSQLState().startsWith("57P") || sql.getSQLState().startsWith("53"))) {
				return true;
			}
			// The pool's stand-in for a connection it found broken (HikariCP, no SQL
			// state): a rollback on it fails, and that failure replaces the original one.
			if (cause instanceof SQLException sql && sql.getSQLState() == null
					&& CLOSED_CONNECTION.equals(sql.getMessage())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Tells whether a failure means only that no pooled connection came free in time: the
	 * pool's timeout without a cause (HikariCP attaches the last connection failure when
	 * it could not reach the database).
	 * @param failure what was thrown
	 * @return {@code true} for a full pool
	 */
	static boolean isFullPool(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException && cause.getCause() == null) {
				return true;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	@Override
	public int getOrder() {
		// Ahead of Spring Session's filter (HIGHEST_PRECEDENCE + 50), which writes the
		// session to the database after the request.
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
