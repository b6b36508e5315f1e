package io.microdrops.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.microdrops.account.ApiTokenManagement;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates JSON API calls that carry {@code Authorization: Bearer <token>}: a valid
 * personal API token acts as its owner for this request only (no session is created or
 * read); any other bearer value is answered 401 at once, without falling back to the
 * session. Outside {@code /api/}, and on the API's public reads ({@link PublicApiReads}:
 * the same answer for everyone, which a CDN would give without asking), the header is
 * ignored.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	/**
	 * API calls that come with a bearer token (public reads aside): these go through a
	 * chain of their own, without session or CSRF token (a browser never sends a bearer
	 * token on its own, so a forged cross-site request cannot either).
	 */
	static final RequestMatcher BEARER_ON_API = request -> bearer(request).isPresent();

	private final ApiTokenManagement tokens;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	ApiTokenFilter(ApiTokenManagement tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> token = bearer(request);
		if (token.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiTokenManagement.Bearer> bearer = this.tokens.authenticate(token.get());
		if (bearer.isEmpty()) {
			ApiSecurityProblems.invalidToken(response);
			return;
		}
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(
				new ApiTokenAuthentication(new SignedInUser(bearer.get().credentials()), bearer.get().tokenId()));
		this.holder.setContext(context);
		chain.doFilter(request, response);
	}

	private static Optional<String> bearer(HttpServletRequest request) {
		if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")
				|| PublicApiReads.isPublicRead(request)) {
			return Optional.empty();
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Optional.empty();
		}
		return Optional.of(header.substring(BEARER.length()).strip());
	}

}
