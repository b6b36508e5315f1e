package io.microdrops.web;

import io.microdrops.account.ApiTokenManagement;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Adds personal API tokens to the security filter chain: the {@link ApiTokenFilter} ahead
 * of the form login, and no CSRF check for API calls that carry a bearer token (a browser
 * never sends one on its own, so a forged cross-site request cannot either).
 */
final class ApiTokenConfigurer extends AbstractHttpConfigurer<ApiTokenConfigurer, HttpSecurity> {

	@Override
	public void init(HttpSecurity http) {
		@SuppressWarnings("unchecked")
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers(ApiTokenFilter.BEARER_ON_API);
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		ApiTokenManagement tokens = http.getSharedObject(ApplicationContext.class).getBean(ApiTokenManagement.class);
		http.addFilterBefore(new ApiTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class);
	}

}
