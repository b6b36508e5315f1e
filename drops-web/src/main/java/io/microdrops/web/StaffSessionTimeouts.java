package io.microdrops.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.microdrops.account.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a staff member's session after a while without a request (idle timeout) and a
 * while after signing in whatever they do (absolute timeout), so an unattended admin
 * screen does not stay open all day. Fans keep the ordinary session lifetime. The times
 * live in the session, so every node enforces the same limits.
 */
class StaffSessionTimeouts extends OncePerRequestFilter {

	static final String SIGNED_IN_AT = StaffSessionTimeouts.class.getName() + ".signedInAt";

	static final String LAST_SEEN = StaffSessionTimeouts.class.getName() + ".lastSeen";

	private final Clock clock;

	private final Duration idle;

	private final Duration absolute;

	StaffSessionTimeouts(Clock clock, Duration idle, Duration absolute) {
		this.clock = clock;
		this.idle = idle;
		this.absolute = absolute;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && isStaff(SecurityContextHolder.getContext().getAuthentication())) {
			Instant now = this.clock.instant();
			Instant signedInAt = (Instant) session.getAttribute(SIGNED_IN_AT);
			Instant lastSeen = (Instant) session.getAttribute(LAST_SEEN);
			if (signedInAt == null) {
				session.setAttribute(SIGNED_IN_AT, now);
			}
			else if (now.isAfter(signedInAt.plus(this.absolute))
					|| (lastSeen != null && now.isAfter(lastSeen.plus(this.idle)))) {
				session.invalidate();
				SecurityContextHolder.clearContext();
				if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
					ApiSecurityProblems.notSignedIn(request, response, null);
				}
				else {
					response.sendRedirect(request.getContextPath() + "/login?expired");
				}
				return;
			}
			session.setAttribute(LAST_SEEN, now);
		}
		chain.doFilter(request, response);
	}

	private static boolean isStaff(Authentication authentication) {
		return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
				&& (user.hasRole(Role.ADMIN) || user.hasRole(Role.MERCHANDISER) || user.hasRole(Role.OPS));
	}

}
