package io.microdrops.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers the JSON API's security refusals (and its "too busy, retry") as problem
 * details, where pages would redirect to the sign-in form or show the 403 page.
 */
final class ApiSecurityProblems {

	private ApiSecurityProblems() {
	}

	static void notSignedIn(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		write(response, 401, "not-signed-in", "Not signed in",
				"Sign in, or send a personal API token as 'Authorization: Bearer <token>'.");
	}

	static void invalidToken(HttpServletResponse response) throws IOException {
		write(response, 401, "invalid-token", "Invalid API token",
				"This token is unknown or revoked, or its account is deactivated. Create a new one under /account/tokens.");
	}

	static void controlCharacters(HttpServletResponse response) throws IOException {
		write(response, 400, "invalid-input", "Invalid input",
				"Some fields carry control characters (such as NUL), which no field accepts.");
	}

	static void malformedAddress(HttpServletResponse response) throws IOException {
		write(response, 400, "invalid-input", "Invalid address",
				"The address of this call has characters or segments no API address has.");
	}

	static void busy(HttpServletResponse response) throws IOException {
		busy(response, 1);
	}

	static void busy(HttpServletResponse response, long retryAfterSeconds) throws IOException {
		response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
		write(response, 429, "busy", "Too many calls at once",
				"Drops is answering as many calls as it can right now. Try again after the Retry-After seconds.");
	}

	static void rateLimited(HttpServletResponse response, long retryAfterSeconds) throws IOException {
		write(response, 429, "rate-limited", "Too many attempts", tryAgainIn(retryAfterSeconds));
	}

	/** The detail of a {@code rate-limited} problem: when to try again. */
	static String tryAgainIn(long seconds) {
		return "Too many attempts — try again in " + seconds + ((seconds == 1) ? " second." : " seconds.");
	}

	static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		if (exception instanceof CsrfException) {
			write(response, 403, "csrf", "Missing or invalid CSRF token",
					"Send the token from the page's <meta name=\"_csrf\"> in the X-CSRF-TOKEN header.");
		}
		else {
			write(response, 403, "forbidden", "Forbidden", "Your account does not have the role this call needs.");
		}
	}

	private static void write(HttpServletResponse response, int status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		// Fixed texts only: nothing from the request is echoed.
		response.getWriter()
			.write("{\"type\":\"https://microdrops.io/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":"
					+ status + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}");
	}

}
