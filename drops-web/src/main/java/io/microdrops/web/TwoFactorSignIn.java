package io.microdrops.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.microdrops.account.TwoFactorManagement.SecondStep;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The second step of signing in, for accounts with two-factor sign-in (and staff who must
 * enrol first). After the right password the session holds a {@link PendingSignIn}
 * instead of a signed-in user; only a right code turns it into a signed-in session, with
 * a new session id. A pending sign-in lasts ten minutes and five wrong codes, then the
 * password is asked for again.
 */
@Component
public class TwoFactorSignIn {

	/** How long a pending sign-in waits for its second step. */
	public static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

	/** Wrong codes after which the password is asked for again. */
	public static final int MAX_FAILURES = 5;

	static final String ATTRIBUTE = PendingSignIn.class.getName();

	private final SessionSignIn sessionSignIn;

	private final SecurityContextRepository repository;

	private final Clock clock;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final RequestCache requestCache = new HttpSessionRequestCache();

	TwoFactorSignIn(SessionSignIn sessionSignIn, SecurityContextRepository repository, Clock clock) {
		this.sessionSignIn = sessionSignIn;
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Returns the sign-in waiting for its second step in this session.
	 * @param request the current request
	 * @return the pending sign-in, empty when there is none or it is too old
	 */
	public Optional<PendingSignIn> pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending)) {
			return Optional.empty();
		}
		if (!this.clock.instant().isBefore(pending.startedAt().plus(PENDING_LIFETIME))) {
			session.removeAttribute(ATTRIBUTE);
			return Optional.empty();
		}
		return Optional.of(pending);
	}

	/**
	 * Counts a wrong code.
	 * @param request the current request
	 * @param pending the pending sign-in
	 * @return {@code true} if the person may try again, {@code false} when the pending
	 * sign-in was dropped and the password must be given again
	 */
	public boolean failed(HttpServletRequest request, PendingSignIn pending) {
		PendingSignIn next = pending.failedOnce();
		if (next.failures() >= MAX_FAILURES) {
			request.getSession().removeAttribute(ATTRIBUTE);
			return false;
		}
		request.getSession().setAttribute(ATTRIBUTE, next);
		return true;
	}

	/**
	 * Completes the sign-in after a right second step: a new session id, the person
	 * signed in.
	 * @param pending the pending sign-in
	 * @param request the current request
	 * @param response the current response
	 * @return where to go now: the page that asked for sign-in, or the person's area
	 */
	public String complete(PendingSignIn pending, HttpServletRequest request, HttpServletResponse response) {
		request.getSession().removeAttribute(ATTRIBUTE);
		SavedRequest saved = this.requestCache.getRequest(request, response);
		Authentication authentication = this.sessionSignIn.signIn(pending.email(), request, response);
		if (saved != null) {
			this.requestCache.removeRequest(request, response);
			return saved.getRedirectUrl();
		}
		return AreaLandingSuccessHandler.landingFor(authentication);
	}

	// Called by the login form's success handler: keeps the person signed out and
	// remembers who is halfway through.
	void begin(HttpServletRequest request, HttpServletResponse response, SignedInUser user, SecondStep step) {
		this.holder.clearContext();
		this.repository.saveContext(this.holder.createEmptyContext(), request, response);
		request.getSession()
			.setAttribute(ATTRIBUTE,
					new PendingSignIn(user.accountId(), user.getUsername(), step, Instant.now(this.clock), 0));
	}

}
