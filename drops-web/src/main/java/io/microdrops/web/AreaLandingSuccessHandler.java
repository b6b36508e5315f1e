package io.microdrops.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After sign-in, goes back to the page that asked for it, or else to the person's own
 * area: admins and merchandisers to {@code /admin}, ops staff to {@code /ops}, fans to
 * the storefront.
 */
class AreaLandingSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

	@Override
	protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) {
		return landingFor(authentication);
	}

	static String landingFor(Authentication authentication) {
		var roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		if (roles.contains("ROLE_ADMIN") || roles.contains("ROLE_MERCHANDISER")) {
			return "/admin";
		}
		if (roles.contains("ROLE_OPS")) {
			return "/ops";
		}
		return "/";
	}

}
