package io.microdrops.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.account.TwoFactorManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.RefusedAttempts;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. The storefront is public; {@code /admin} needs MERCHANDISER or
 * ADMIN, {@code /ops} needs OPS or ADMIN (its dashboards, {@code /ops/analytics}, also
 * MERCHANDISER), {@code /account} any signed-in person. Every state-changing request
 * needs a CSRF token, which lives in a cookie rather than the session, so anonymous
 * visitors never get a session. Staff sessions end after
 * {@code drops.security.staff-session.idle-timeout} without a request and
 * {@code drops.security.staff-session.absolute-timeout} after signing in. API calls with
 * a personal API token have a chain of their own ({@link #bearerApiChain}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/** Requests to the JSON API, by their path after the context path. */
	private static final RequestMatcher API = request -> request.getRequestURI()
		.startsWith(request.getContextPath() + "/api/");

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityContextRepository securityContextRepository,
			TwoFactorManagement twoFactor, TwoFactorSignIn twoFactorSignIn, Clock clock, RateLimits rateLimits,
			Checkout checkout, RefusedAttempts refusedAttempts,
			@Value("${drops.security.staff-session.idle-timeout:30m}") Duration staffIdleTimeout,
			@Value("${drops.security.staff-session.absolute-timeout:12h}") Duration staffAbsoluteTimeout) {
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieName("DROPS_CSRF");
		csrfTokens.setHeaderName("X-CSRF-TOKEN");
		csrfTokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax"));
		return http.authorizeHttpRequests(SecurityConfiguration::authorize)
			.formLogin(form -> form.loginPage("/login")
				.successHandler(new SecondStepSuccessHandler(twoFactor, twoFactorSignIn))
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/?signedOut").deleteCookies(AccountSessions.COOKIE))
			.securityContext(context -> context.securityContextRepository(securityContextRepository))
			.addFilterBefore(new StaffSessionTimeouts(clock, staffIdleTimeout, staffAbsoluteTimeout),
					AuthorizationFilter.class)
			// Rate limits: sign-in attempts before the password is checked; the other
			// actions once the caller is known (session or API token), before any work.
			.addFilterBefore(new SignInRateLimit(rateLimits), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new ActionRateLimit(rateLimits, checkout, refusedAttempts), AuthorizationFilter.class)
			// Pages send people to the sign-in form; the API answers with a problem.
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint(DelegatingAuthenticationEntryPoint.builder()
					.addEntryPointFor(ApiSecurityProblems::notSignedIn, API)
					.defaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
					.build())
				.accessDeniedHandler(new RequestMatcherDelegatingAccessDeniedHandler(
						new LinkedHashMap<>(Map.of(API, ApiSecurityProblems::forbidden)),
						new AccessDeniedHandlerImpl())))
			// The story beacon comes from the drop page that anonymous visitors share
			// (no token in it) and changes nothing of anyone's account.
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				.ignoringRequestMatchers("/unsubscribe", "/api/v1/payments/stripe/webhook", "/drops/*/story-beacon"))
			.headers(SecurityConfiguration::headers)
			.build();
	}

	/**
	 * Who may reach what, the same for sessions and personal API tokens.
	 */
	private static void authorize(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		requests.requestMatchers("/admin/outbox", "/admin/outbox/**", "/admin/deliveries")
			.hasRole("ADMIN")
			.requestMatchers("/admin/staff", "/admin/staff/**")
			.hasRole("ADMIN")
			.requestMatchers("/admin", "/admin/**", "/api/v1/admin/**")
			.hasAnyRole("MERCHANDISER", "ADMIN")
			.requestMatchers("/ops/analytics", "/ops/analytics/**")
			.hasAnyRole("OPS", "ADMIN", "MERCHANDISER")
			.requestMatchers("/ops", "/ops/**")
			.hasAnyRole("OPS", "ADMIN")
			.requestMatchers("/account", "/account/**", "/checkout/**", "/api/v1/me/**")
			.authenticated()
			// A fan's place in a waiting room: only fans have one.
			.requestMatchers("/api/v1/drops/*/queue")
			.authenticated()
			.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator", "/actuator/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.GET, "/**")
			.permitAll()
			.requestMatchers("/login", "/logout", "/signup", "/unsubscribe", "/error", "/setup", "/invitations/**",
					"/api/v1/payments/stripe/webhook", "/login/code", "/login/enrol", "/forgot-password",
					"/password-reset", "/email-change", "/drops/*/story-beacon")
			.permitAll()
			.anyRequest()
			.authenticated();
	}

	/**
	 * API calls with a personal API token ({@code Authorization: Bearer}): the same
	 * rules, rate limits and problem answers as on the session chain, without what only a
	 * browser session needs (session and CSRF, sign-in and sign-out, the saved request,
	 * staff session timeouts), so a drop's opening storm of token calls costs fewer
	 * filters per call. Nothing of a session is read or created. A reservation of an item
	 * this node knows to be sold out is answered in the chain
	 * ({@link KnownSoldOutReservations}).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain bearerApiChain(HttpSecurity http, RateLimits rateLimits, Checkout checkout,
			RefusedAttempts refusedAttempts, ApiTokenManagement tokens, ObjectMapper json) {
		return http.securityMatcher(ApiTokenFilter.BEARER_ON_API)
			.authorizeHttpRequests(SecurityConfiguration::authorize)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(
					context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			.addFilterBefore(new ApiTokenFilter(tokens), AnonymousAuthenticationFilter.class)
			.addFilterBefore(new ActionRateLimit(rateLimits, checkout, refusedAttempts), AuthorizationFilter.class)
			// Once the fan is known, limited and allowed: "sold out" without the
			// controller for an item this node knows to have no free unit.
			.addFilterAfter(new KnownSoldOutReservations(checkout, json), AuthorizationFilter.class)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(ApiSecurityProblems::notSignedIn)
				.accessDeniedHandler(ApiSecurityProblems::forbidden))
			.headers(SecurityConfiguration::headers)
			.build();
	}

	/**
	 * Security headers on every answer. HSTS goes out only on requests that arrived over
	 * HTTPS (directly, or through a proxy's X-Forwarded-Proto, see
	 * server.forward-headers-strategy).
	 */
	private static void headers(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true))
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
	}

	/**
	 * No observations of Spring Security's own steps: spans for each of its filters, its
	 * authentications and authorizations cost a fifth of a small request's time, and its
	 * filter chains would wrap each of their filters on every request for them. Requests
	 * are still timed (http.server.requests).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	UserDetailsService userDetailsService(AccountManagement accounts) {
		return email -> accounts.findCredentials(email)
			.map(SignedInUser::new)
			.orElseThrow(() -> new UsernameNotFoundException("No account"));
	}

}
