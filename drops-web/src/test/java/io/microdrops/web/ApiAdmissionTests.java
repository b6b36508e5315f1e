package io.microdrops.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.microdrops.testsupport.Concurrently;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAdmissionTests {

	@Test
	void answersCallsBeyondTheRoom429WithRetryAfterAndLetsThemInOnceThereIsRoom() throws Exception {
		ApiAdmission admission = new ApiAdmission(2, Duration.ofMillis(50), 100, drop -> false);
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
		ApiAdmission admission = new ApiAdmission(0, Duration.ZERO, 100, drop -> false);
		MockHttpServletResponse page = new MockHttpServletResponse();

		admission.doFilter(new MockHttpServletRequest("GET", "/drops/brass"), page, (request, response) -> {
		});

		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(call(admission, (request, response) -> {
		})).isEqualTo(429);
	}

	@Test
	@Timeout(30)
	void answersACallBeyondTheWaitingLine429AtOnce() throws Exception {
		ApiAdmission admission = new ApiAdmission(1, Duration.ofHours(1), 1, drop -> false);
		CountDownLatch working = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		FilterChain slow = (request, response) -> {
			working.countDown();
			try {
				finish.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};

		List<Integer> statuses = Concurrently.all(List.of(() -> call(admission, slow), () -> {
			working.await(10, TimeUnit.SECONDS);
			// Waits in line (up to an hour) for the room the first call holds.
			return call(admission, (request, response) -> {
			});
		}, () -> {
			working.await(10, TimeUnit.SECONDS);
			while (admission.waiting() < 1) {
				Thread.onSpinWait();
			}
			// The line is full: answered now, not after the hour, and asked back a little
			// later than those who waited, so the crowd does not return in one wave.
			MockHttpServletResponse refused = new MockHttpServletResponse();
			admission.doFilter(api(), refused, (request, response) -> {
			});
			assertThat(refused.getHeader("Retry-After")).isIn("2", "3", "4");
			finish.countDown();
			return refused.getStatus();
		}));

		assertThat(statuses).containsExactly(200, 200, 429);
		assertThat(admission.waiting()).isZero();
	}

	@Test
	void letsReadsOfOneDropThroughWithoutRoom() throws Exception {
		ApiAdmission admission = new ApiAdmission(0, Duration.ZERO, 0, drop -> false);
		MockHttpServletResponse drop = new MockHttpServletResponse();
		MockHttpServletResponse list = new MockHttpServletResponse();

		admission.doFilter(new MockHttpServletRequest("GET", "/api/v1/drops/brass"), drop, (request, response) -> {
		});
		admission.doFilter(new MockHttpServletRequest("GET", "/api/v1/drops"), list, (request, response) -> {
		});

		assertThat(drop.getStatus()).isEqualTo(200);
		MockHttpServletRequest signedIn = new MockHttpServletRequest("GET", "/api/v1/drops/brass");
		signedIn.setCookies(new jakarta.servlet.http.Cookie("DROPS_SESSION", "abc"));
		MockHttpServletResponse withSession = new MockHttpServletResponse();
		admission.doFilter(signedIn, withSession, (request, response) -> {
		});
		assertThat(withSession.getStatus()).as("a session is read from the database").isEqualTo(429);
		assertThat(list.getStatus()).isEqualTo(429);
		assertThat(call(admission, (request, response) -> {
		})).isEqualTo(429);
	}

	@Test
	void letsAFanPayForAHoldWithoutRoom() throws Exception {
		ApiAdmission admission = new ApiAdmission(0, Duration.ZERO, 0, drop -> false);
		String hold = "/api/v1/reservations/0b6f3c1e-52d4-4a51-9a3e-2f1c8a7d6e10";
		MockHttpServletResponse order = new MockHttpServletResponse();
		MockHttpServletResponse release = new MockHttpServletResponse();
		MockHttpServletResponse read = new MockHttpServletResponse();

		admission.doFilter(new MockHttpServletRequest("POST", hold + "/order"), order, (request, response) -> {
		});
		admission.doFilter(new MockHttpServletRequest("DELETE", hold), release, (request, response) -> {
		});
		admission.doFilter(new MockHttpServletRequest("GET", "/api/v1/me/orders"), read, (request, response) -> {
		});

		assertThat(order.getStatus()).isEqualTo(200);
		assertThat(release.getStatus()).as("giving back waits its turn: it is not rate-limited").isEqualTo(429);
		assertThat(read.getStatus()).isEqualTo(429);
		assertThat(call(admission, (request, response) -> {
		})).isEqualTo(429);
	}

	@Test
	void letsAReservationOfADropKnownSoldOutThroughWithoutRoom() throws Exception {
		ApiAdmission admission = new ApiAdmission(0, Duration.ZERO, 0, "gone"::equals);
		MockHttpServletResponse soldOut = new MockHttpServletResponse();
		MockHttpServletResponse open = new MockHttpServletResponse();

		admission.doFilter(new MockHttpServletRequest("POST", "/api/v1/drops/gone/reservations"), soldOut,
				(request, response) -> {
				});
		admission.doFilter(new MockHttpServletRequest("POST", "/api/v1/drops/brass/reservations"), open,
				(request, response) -> {
				});

		assertThat(soldOut.getStatus()).isEqualTo(200);
		assertThat(open.getStatus()).isEqualTo(429);
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
