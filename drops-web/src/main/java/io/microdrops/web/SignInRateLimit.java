package io.microdrops.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-in attempts ({@code POST /login}) per address and per e-mail address tried,
 * ahead of the filter that checks the password: an attempt over a limit is answered
 * {@code 429} and no password is checked, so guessing gets no faster by being refused.
 * Successful sign-ins count too.
 */
final class SignInRateLimit extends OncePerRequestFilter {

	private final RateLimits limits;

	SignInRateLimit(RateLimits limits) {
		this.limits = limits;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod())
				&& (request.getContextPath() + "/login").equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> wait = this.limits.take(RateLimit.SIGN_IN_PER_IP, RateLimitAnswers.clientAddress(request));
		if (wait.isEmpty()) {
			String email = request.getParameter("username");
			if (email != null && !email.isBlank()) {
				wait = this.limits.take(RateLimit.SIGN_IN_PER_EMAIL, email.strip().toLowerCase(Locale.ROOT));
			}
		}
		if (wait.isPresent()) {
			RateLimitAnswers.refuse(request, response, wait.get());
			return;
		}
		chain.doFilter(request, response);
	}

}
