package io.microdrops.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.microdrops.testsupport.Concurrently;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAdmissionTests {

	@Test
	void answersCallsBeyondTheRoom429WithRetryAfterAndLetsThemInOnceThereIsRoom() throws Exception {
		ApiAdmission admission = new ApiAdmission(2, Duration.ofMillis(50));
		CountDownLatch working = new CountDownLatch(2);
		CountDownLatch finish = new CountDownLatch(1);
		FilterChain slow = (request, response) -> {
			working.countDown();
			try {
				finish.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};

		List<Integer> statuses = Concurrently
			.all(List.of(() -> call(admission, slow), () -> call(admission, slow), () -> {
				working.await(10, TimeUnit.SECONDS);
				MockHttpServletResponse refused = new MockHttpServletResponse();
				admission.doFilter(api(), refused, (request, response) -> {
				});
				assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
				assertThat(refused.getContentType()).startsWith("application/problem+json");
				finish.countDown();
				return refused.getStatus();
			}));

		assertThat(statuses).containsExactly(200, 200, 429);
		assertThat(call(admission, (request, response) -> {
		})).isEqualTo(200);
	}

	@Test
	void letsPagesThrough() throws Exception {
		ApiAdmission admission = new ApiAdmission(0, Duration.ZERO);
		MockHttpServletResponse page = new MockHttpServletResponse();

		admission.doFilter(new MockHttpServletRequest("GET", "/drops/brass"), page, (request, response) -> {
		});

		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(call(admission, (request, response) -> {
		})).isEqualTo(429);
	}

	private static int call(ApiAdmission admission, FilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		admission.doFilter(api(), response, chain);
		return response.getStatus();
	}

	private static MockHttpServletRequest api() {
		return new MockHttpServletRequest("POST", "/api/v1/drops/brass/reservations");
	}

}
