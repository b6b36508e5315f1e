package io.microdrops.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Back-pressure for the JSON API in a drop's first seconds. With virtual threads every
 * call is accepted at once, and thousands of them would queue for a few database
 * connections until their clients had given up, while the app still worked through them:
 * no one gets an answer. So at most {@code drops.api.max-concurrent-calls} calls are
 * worked on at once; a call that finds no room within {@code drops.api.admission-wait} is
 * answered {@code 429} with {@code Retry-After} straight away (the API contract's answer
 * for "slow down"), before any database work, and the calls let in stay fast.
 */
@Component
class ApiAdmission extends OncePerRequestFilter implements Ordered {

	private final Semaphore room;

	private final long waitNanos;

	ApiAdmission(
			@Value("${drops.api.max-concurrent-calls:#{${spring.datasource.hikari.maximum-pool-size:10} * 4}}") int maxConcurrentCalls,
			@Value("${drops.api.admission-wait:PT2S}") Duration admissionWait) {
		this.room = new Semaphore(maxConcurrentCalls, true);
		this.waitNanos = admissionWait.toNanos();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean admitted;
		try {
			admitted = this.room.tryAcquire(this.waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		if (!admitted) {
			ApiSecurityProblems.busy(response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.room.release();
		}
	}

	@Override
	public int getOrder() {
		// Ahead of the security filters, so even the token check waits its turn.
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
