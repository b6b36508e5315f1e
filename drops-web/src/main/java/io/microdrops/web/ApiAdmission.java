package io.microdrops.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.checkout.Checkout;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Back-pressure for the JSON API in a drop's first seconds. Hundreds of calls are worked
 * on at once (Tomcat's threads, or every call with virtual threads), and they would queue
 * for a few database connections until their clients had given up, while the app still
 * worked through them: no one gets an answer. So at most
 * {@code drops.api.max-concurrent-calls} calls are worked on at once; a call that finds
 * no room within {@code drops.api.admission-wait} is answered {@code 429} with
 * {@code Retry-After: 1} (the API contract's answer for "slow down"), before any database
 * work, and the calls let in stay fast.
 * <p>
 * At most {@code drops.api.max-waiting-calls} calls wait for room; the next is answered
 * {@code 429} at once, with a {@code Retry-After} of two to four seconds picked at random
 * so that the crowd does not come back in one wave. A line of thousands would help no one
 * (they could not all be let in within the wait), and every call leaving it on time-out
 * costs the others a walk along the line.
 * <p>
 * Let in without waiting: a read of one drop (kept in memory by {@code SharedDropJson},
 * no credentials read, {@link PublicApiReads}), so a fan learns the drop's state however
 * busy the checkout is (unless it comes with a session, which is read from the database);
 * a fan paying for a hold (one payment per hold, payments rate-limited per account: a
 * unit won must not be lost to the crowd still trying for one); and a reservation asked
 * of a drop this node knows to have no free unit ({@link Checkout#knownSoldOut(String)}:
 * no claim, its answer kept together with the others' in one transaction), so the crowd
 * still asking a sold-out drop does not fill the line.
 */
@Component
class ApiAdmission extends OncePerRequestFilter implements Ordered {

	/** Asking a drop for a reservation. */
	private static final Pattern RESERVATION = Pattern.compile("/api/v1/drops/([^/]+)/reservations");

	/** Paying for a hold. */
	private static final Pattern PAYMENT = Pattern.compile("/api/v1/reservations/[^/]+/order");

	private final Semaphore room;

	private final long waitNanos;

	private final AtomicInteger waiting = new AtomicInteger();

	private final int maxWaiting;

	private final Predicate<String> knownSoldOut;

	@Autowired
	ApiAdmission(
			@Value("${drops.api.max-concurrent-calls:#{${spring.datasource.hikari.maximum-pool-size:10} * 4}}") int maxConcurrentCalls,
			@Value("${drops.api.admission-wait:PT2S}") Duration admissionWait,
			@Value("${drops.api.max-waiting-calls:#{${spring.datasource.hikari.maximum-pool-size:10} * 40}}") int maxWaitingCalls,
			Checkout checkout) {
		this(maxConcurrentCalls, admissionWait, maxWaitingCalls, checkout::knownSoldOut);
	}

	ApiAdmission(int maxConcurrentCalls, Duration admissionWait, int maxWaitingCalls, Predicate<String> knownSoldOut) {
		this.room = new Semaphore(maxConcurrentCalls, true);
		this.waitNanos = admissionWait.toNanos();
		this.maxWaiting = maxWaitingCalls;
		this.knownSoldOut = knownSoldOut;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
				|| (PublicApiReads.isOneDrop(request) && !AccountSessions.hasSessionCookie(request))
				|| isPayment(request) || isForSoldOutDrop(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Admission answer = admit();
		if (answer == Admission.LINE_FULL) {
			ApiSecurityProblems.busy(response, ThreadLocalRandom.current().nextLong(2, 5));
			return;
		}
		if (answer == Admission.WAITED_OUT) {
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

	private Admission admit() {
		// In turn (a fair semaphore): a call arriving now does not overtake those
		// waiting.
		if (this.waiting.incrementAndGet() > this.maxWaiting) {
			this.waiting.decrementAndGet();
			return Admission.LINE_FULL;
		}
		try {
			return this.room.tryAcquire(this.waitNanos, TimeUnit.NANOSECONDS) ? Admission.ADMITTED
					: Admission.WAITED_OUT;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Admission.WAITED_OUT;
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	private boolean isForSoldOutDrop(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return false;
		}
		Matcher reservation = RESERVATION.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		return reservation.matches() && this.knownSoldOut.test(reservation.group(1));
	}

	private static boolean isPayment(HttpServletRequest request) {
		return "POST".equals(request.getMethod())
				&& PAYMENT.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}

	/** Calls waiting for room now. */
	int waiting() {
		return this.waiting.get();
	}

	@Override
	public int getOrder() {
		// Ahead of the security filters, so even the token check waits its turn.
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	private enum Admission {

		ADMITTED, WAITED_OUT, LINE_FULL

	}

}
