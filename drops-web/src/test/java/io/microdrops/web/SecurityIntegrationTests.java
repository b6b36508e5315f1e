package io.microdrops.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.microdrops.account.AccountManagement;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class SecurityIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MeterRegistry meters;

	@Autowired
	@Qualifier("springSecurityFilterChain")
	Filter securityFilterChains;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void sendsAnonymousVisitorsOfTheAdminAreaToSignIn() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/ops")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/account")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAFanTheAdminAndOpsAreas() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isForbidden());
		this.mvc.perform(get("/ops")).andExpect(status().isForbidden());
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isForbidden());
		this.mvc.perform(get("/account")).andExpect(status().isOk());
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAMerchandiserIntoTheAdminAreaButNotOps() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
		this.mvc.perform(get("/ops")).andExpect(status().isForbidden());
	}

	@Test
	@WithUserDetails(value = TestAccounts.OPS, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsOpsStaffIntoTheOpsAreaButNotAdmin() throws Exception {
		this.mvc.perform(get("/ops")).andExpect(status().isOk());
		this.mvc.perform(get("/admin")).andExpect(status().isForbidden());
	}

	@Test
	@WithUserDetails(value = TestAccounts.ADMIN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAnAdminEverywhereIncludingMetrics() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
		this.mvc.perform(get("/ops")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
	}

	@Test
	void refusesAStateChangingRequestWithoutACsrfToken() throws Exception {
		this.mvc
			.perform(post("/signup").param("email", "no-csrf@example.com")
				.param("displayName", "No Token")
				.param("password", "a long enough password"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/login").param("username", TestAccounts.FAN).param("password", TestAccounts.PASSWORD))
			.andExpect(status().isForbidden())
			.andExpect(unauthenticated());
	}

	@Test
	void sendsSecurityHeadersOnEveryPage() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy",
					org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("default-src 'self'"),
							org.hamcrest.Matchers.containsString("object-src 'none'"),
							org.hamcrest.Matchers.containsString("base-uri 'self'"),
							org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	@Test
	void timesRequestsWithoutALongTaskTimerOrSecurityObservations() throws Exception {
		this.mvc.perform(get("/")).andExpect(status().isOk());
		assertThat(this.meters.find("http.server.requests").tag("uri", "/").timers()).isNotEmpty();
		assertThat(this.meters.find("http.server.requests.active").longTaskTimers()).isEmpty();
		assertThat(this.meters.getMeters()).noneMatch((meter) -> meter.getId().getName().startsWith("spring.security"));
		Object filterChains = ReflectionTestUtils.getField(this.securityFilterChains, "springSecurityFilterChain");
		assertThat(ReflectionTestUtils.getField(filterChains, "filterChainDecorator"))
			.isNotInstanceOf(ObservationFilterChainDecorator.class);
	}

}
