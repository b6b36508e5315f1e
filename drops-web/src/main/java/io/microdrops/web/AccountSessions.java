package io.microdrops.web;

import java.util.Arrays;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends the sessions of an account, on every node at once: sessions live in the database,
 * indexed by the address the person signed in with.
 */
@Component
public class AccountSessions {

	/** The session cookie's name ({@code server.servlet.session.cookie.name}). */
	public static final String COOKIE = "DROPS_SESSION";

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Whether a request comes with a session cookie: read from the request alone, since
	 * asking for its session would read the session from the database.
	 * @param request the request
	 * @return whether it carries a session cookie
	 */
	public static boolean hasSessionCookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		return cookies != null && Arrays.stream(cookies).anyMatch(cookie -> COOKIE.equals(cookie.getName()));
	}

	/**
	 * Ends every session signed in with an address.
	 * @param email the address the sessions are indexed by
	 * @return how many sessions ended
	 */
	public int endAllOf(String email) {
		return endAllOfExcept(email, null);
	}

	/**
	 * Ends every session signed in with an address but one.
	 * @param email the address the sessions are indexed by
	 * @param keptSessionId the id of the session to keep, or {@code null}
	 * @return how many sessions ended
	 */
	public int endAllOfExcept(String email, String keptSessionId) {
		var found = this.sessions.findByPrincipalName(email);
		int ended = 0;
		for (String id : found.keySet()) {
			if (!id.equals(keptSessionId)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

}
