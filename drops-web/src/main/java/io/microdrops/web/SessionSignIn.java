package io.microdrops.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a person in right after they proved who they are some other way (a fresh sign-up,
 * an accepted invitation, a second sign-in step), the same way the login form would: a
 * new session id and the security context stored in the session.
 */
@Component
public class SessionSignIn {

	private final UserDetailsService users;

	private final SecurityContextRepository repository;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	SessionSignIn(UserDetailsService users, SecurityContextRepository repository) {
		this.users = users;
		this.repository = repository;
	}

	/**
	 * Signs the account with this e-mail address in for the current request and session.
	 * @param email the account's address
	 * @param request the current request
	 * @param response the current response
	 * @return the authentication now held by the session
	 */
	public Authentication signIn(String email, HttpServletRequest request, HttpServletResponse response) {
		UserDetails user = this.users.loadUserByUsername(email);
		if (request.getSession(false) != null) {
			// Same protection against session fixation as the login form.
			request.changeSessionId();
		}
		SecurityContext context = this.holder.createEmptyContext();
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		context.setAuthentication(authentication);
		this.holder.setContext(context);
		this.repository.saveContext(context, request, response);
		return authentication;
	}

}
