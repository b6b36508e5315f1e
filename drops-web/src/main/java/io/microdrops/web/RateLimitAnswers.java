package io.microdrops.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The answer to an attempt over a rate limit: {@code 429} with {@code Retry-After} in
 * seconds, as a {@code rate-limited} problem on the JSON API and as the "too many
 * attempts" page (which says when to try again) everywhere else. Nothing of the attempt
 * has been done.
 */
final class RateLimitAnswers {

	/** The request attribute the page reads the seconds from. */
	static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

	private RateLimitAnswers() {
	}

	static void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
		long seconds = RateLimits.retryAfterSeconds(wait);
		response.setHeader("Retry-After", Long.toString(seconds));
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			ApiSecurityProblems.rateLimited(response, seconds);
		}
		else {
			request.setAttribute(RETRY_AFTER_SECONDS, seconds);
			response.sendError(429);
		}
	}

	/**
	 * Who sent a request, for the limits per address: the connecting address, or behind a
	 * proxy trusted by {@code server.forward-headers-strategy} the client it names in
	 * {@code X-Forwarded-For} (the servlet container has already put it in place).
	 * @param request the request
	 * @return the client's address
	 */
	static String clientAddress(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
