package io.microdrops.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.ReserveRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Answers a fan's reservation on the API "sold out" without the controller when this node
 * knows, from the last second, that the item has no free unit: on a sold-out drop's first
 * seconds nearly every call is such a refusal, and reading its JSON body, validating it,
 * raising the refusal and resolving it to a problem cost more than the refusal itself. It
 * runs in the token chain once the caller is authenticated, rate limited and authorised,
 * and gives the answer {@code CheckoutProblems} gives: 409 {@code sold-out}, counted at
 * the drop and kept for the idempotency key alike
 * ({@link Checkout#refuseKnownSoldOut(ReserveRequest)}). Anything else (a drop not known
 * to be sold out, a body or header the controller would refuse, a key in use or standing
 * for an earlier answer, a query string) goes on to the controller with its body
 * untouched.
 */
final class KnownSoldOutReservations extends OncePerRequestFilter {

	/** The API's reservation address, with the drop's slug. */
	private static final Pattern RESERVATIONS = Pattern.compile("/api/v1/drops/([^/]+)/reservations");

	/** The controller's mapping, for the request's timing (http.server.requests). */
	private static final String PATH_PATTERN = "/api/v1/drops/{slug}/reservations";

	/** A reservation's body is a few dozen bytes; anything longer is the controller's. */
	private static final int MAX_BODY = 1024;

	/** The answer's status. */
	private static final int STATUS = SoldOutProblem.create().getStatus();

	/** Answers kept (one per sold-out drop's address) before they are all let go. */
	private static final int MAX_KEPT_ANSWERS = 256;

	private final Checkout checkout;

	private final ObjectMapper json;

	private final ObjectReader bodies;

	/**
	 * The answer's bytes by the request's path: the same for every call to one drop, so
	 * written once, not per call.
	 */
	private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

	KnownSoldOutReservations(Checkout checkout, ObjectMapper json) {
		this.checkout = checkout;
		this.json = json;
		this.bodies = json.readerFor(Body.class);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getQueryString() != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher matcher = RESERVATIONS.matcher(path);
		SignedInUser user = ActionRateLimit.signedIn();
		if (!matcher.matches() || user == null || !this.checkout.knownSoldOut(matcher.group(1))
				|| !isJson(request.getContentType())) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		ReserveRequest reserve = (body.length > MAX_BODY) ? null
				: reserveRequest(matcher.group(1), body, user, request);
		if (reserve == null || !this.checkout.refuseKnownSoldOut(reserve)) {
			chain.doFilter(new ReadAgain(request, body), response);
			return;
		}
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent(context -> context.setPathPattern(PATH_PATTERN));
		byte[] answer = answer(path);
		response.setStatus(STATUS);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(answer.length);
		response.getOutputStream().write(answer);
	}

	/** The 409 {@code sold-out} problem for a request to this path, as JSON. */
	private byte[] answer(String path) {
		byte[] kept = this.answers.get(path);
		if (kept != null) {
			return kept;
		}
		if (this.answers.size() >= MAX_KEPT_ANSWERS) {
			this.answers.clear();
		}
		ProblemDetail problem = SoldOutProblem.create();
		problem.setInstance(URI.create(path));
		byte[] answer = this.json.writeValueAsBytes(problem);
		this.answers.put(path, answer);
		return answer;
	}

	/**
	 * The request as the controller would take it, or {@code null} where the controller
	 * would refuse it as invalid (and so must answer it).
	 */
	private ReserveRequest reserveRequest(String slug, byte[] body, SignedInUser user, HttpServletRequest request) {
		Body fields;
		try {
			fields = this.bodies.readValue(body);
		}
		catch (JacksonException ex) {
			return null;
		}
		String key = request.getHeader("Idempotency-Key");
		String admission = request.getHeader("Admission-Token");
		// The limits the controller validates (a null SKU would name the whole drop).
		boolean valid = fields != null && fields.sku() != null && !fields.sku().isBlank()
				&& fields.sku().length() <= ReserveRequest.MAX_SKU_LENGTH && fields.quantity() != null
				&& fields.quantity() >= 1 && fields.quantity() <= ReserveRequest.MAX_QUANTITY
				&& (key == null || key.length() <= ReserveRequest.MAX_IDEMPOTENCY_KEY_LENGTH)
				&& (admission == null || admission.length() <= ReserveRequest.MAX_ADMISSION_TOKEN_LENGTH);
		return valid ? new ReserveRequest(slug, fields.sku(), fields.quantity(), user.accountId(), key, admission)
				: null;
	}

	private static boolean isJson(String contentType) {
		try {
			return contentType != null
					&& MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** A reservation's body, as the controller binds it. */
	record Body(String sku, Integer quantity) {
	}

	/** The request with its body, already read here, to be read again. */
	private static final class ReadAgain extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadAgain(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(),
					(encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8));
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ByteArrayInputStream read = new ByteArrayInputStream(this.body);
			ServletInputStream rest = super.getInputStream();
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					int next = read.read();
					return (next != -1) ? next : rest.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int count = read.read(buffer, offset, length);
					return (count > 0 || length == 0) ? count : rest.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return read.available() == 0 && rest.isFinished();
				}

				@Override
				public boolean isReady() {
					return read.available() > 0 || rest.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					rest.setReadListener(listener);
				}

			};
		}

	}

}
