package io.microdrops.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.RefusalReason;
import io.microdrops.checkout.RefusedAttempts;
import io.microdrops.checkout.Reservation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-ups per address, and waitlist joins, reservations and orders (pages and API
 * alike) per account and, where switched on, per address. It runs once the caller is
 * known (session or API token) and before anything is done, so a refused attempt changes
 * nothing. Anonymous calls to the signed-in actions are left to the sign-in check, which
 * refuses them anyway. A refused attempt at a drop is counted for the drop's transparency
 * page as {@link RefusalReason#RATE_LIMITED}.
 */
final class ActionRateLimit extends OncePerRequestFilter {

	private static final List<Action> ACTIONS = List.of(
			new Action(Pattern.compile("/signup"), null, RateLimit.SIGN_UP_PER_IP, Target.NONE),
			new Action(Pattern.compile("/(?:api/v1/)?drops/([^/]+)/waitlist"), RateLimit.WAITLIST_PER_ACCOUNT,
					RateLimit.WAITLIST_PER_IP, Target.DROP),
			new Action(Pattern.compile("/(?:api/v1/drops/([^/]+)/reservations|drops/([^/]+)/reserve)"),
					RateLimit.RESERVE_PER_ACCOUNT, RateLimit.RESERVE_PER_IP, Target.DROP),
			new Action(Pattern.compile("/(?:api/v1/reservations/([^/]+)/order|checkout/([^/]+)/pay)"),
					RateLimit.ORDER_PER_ACCOUNT, RateLimit.ORDER_PER_IP, Target.RESERVATION));

	private final RateLimits limits;

	private final Checkout checkout;

	private final RefusedAttempts refusals;

	ActionRateLimit(RateLimits limits, Checkout checkout, RefusedAttempts refusals) {
		this.limits = limits;
		this.checkout = checkout;
		this.refusals = refusals;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (Action action : ACTIONS) {
			Matcher matcher = action.path().matcher(path);
			if (matcher.matches()) {
				Optional<Duration> wait = check(action, request);
				if (wait.isPresent()) {
					countAtDrop(action, matcher, request);
					RateLimitAnswers.refuse(request, response, wait.get());
					return;
				}
				break;
			}
		}
		chain.doFilter(request, response);
	}

	private Optional<Duration> check(Action action, HttpServletRequest request) {
		if (action.perAccount() == null) {
			return this.limits.take(action.perAddress(), RateLimitAnswers.clientAddress(request));
		}
		SignedInUser user = signedIn();
		if (user == null) {
			return Optional.empty();
		}
		Optional<Duration> wait = this.limits.take(action.perAccount(), user.accountId().value().toString());
		if (wait.isEmpty()) {
			wait = this.limits.take(action.perAddress(), RateLimitAnswers.clientAddress(request));
		}
		return wait;
	}

	private void countAtDrop(Action action, Matcher matcher, HttpServletRequest request) {
		String value = (matcher.groupCount() == 0) ? null
				: (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
		if (value == null) {
			return;
		}
		if (action.target() == Target.DROP) {
			this.refusals.count(value, RefusalReason.RATE_LIMITED);
		}
		else if (action.target() == Target.RESERVATION) {
			SignedInUser user = signedIn();
			try {
				UUID reservation = UUID.fromString(value);
				// Only the caller's own hold names a drop; nothing is told about others.
				this.checkout.find(reservation, user.accountId())
					.map(Reservation::dropSlug)
					.ifPresent(slug -> this.refusals.count(slug, RefusalReason.RATE_LIMITED));
			}
			catch (RuntimeException ex) {
				// Not a reservation's id, or the database is away: the refusal stands,
				// only its count at the drop is missing.
			}
		}
	}

	/**
	 * Returns the caller once known (session or API token).
	 * @return the signed-in user, or {@code null}
	 */
	static SignedInUser signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof SignedInUser user) ? user : null;
	}

	/** What a refused attempt is counted at on a drop's transparency page. */
	private enum Target {

		NONE, DROP, RESERVATION

	}

	private record Action(Pattern path, RateLimit perAccount, RateLimit perAddress, Target target) {
	}

}
