package io.microdrops.storefront;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import io.microdrops.analytics.StoryViews;
import io.microdrops.checkout.DropSoldOut;
import io.microdrops.checkout.ReservationExpired;
import io.microdrops.checkout.ReservationPlaced;
import io.microdrops.checkout.ReservationReleased;
import io.microdrops.drop.DropClosedEarly;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropPreordersSettled;
import io.microdrops.drop.DropRevised;
import io.microdrops.drop.DropUnscheduled;
import io.microdrops.shared.Slug;
import io.microdrops.waitlist.WaitlistJoined;
import io.microdrops.web.AccountSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves a drop's page to anonymous visitors from memory. Their page is the same bytes
 * for all of them (no CSRF token, no idempotency key, nothing about the visitor), so it
 * is rendered once and kept for the rest of the current second, never longer than
 * {@code drops.storefront.shared-page-ttl}: the countdown it shows is the one a fresh
 * render would show, and the stock and waitlist depth are what the database held less
 * than a second ago. A hold placed, given back or expired, a sell-out, a waitlist joined
 * or a drop revised on this node drops the kept pages at once (after its transaction
 * commits). While one request renders a page, the others for it wait for that render
 * rather than render it again; if the page was rendered before in the same second and
 * only stock changed since (a hold, a release, an expiry, a waitlist joined), they are
 * answered that page instead of waiting for a database connection the checkout is using.
 * A change of the drop itself (sold out, revised, closed early, unscheduled, pre-orders
 * settled) is never answered from before.
 * <p>
 * A drop's JSON on the API ({@code GET /api/v1/drops/{slug}}) is the same for every
 * caller too, and is kept the same way: in a drop's first seconds it is every fan's first
 * call, and answered here it costs no security filter, handler lookup or message
 * conversion. Credentials are not looked at for it, as its controller does not look at
 * them either (a public read of the API); no view is counted for it.
 * <p>
 * Only what the page's controller marked {@code Cache-Control: public} is kept, and only
 * a {@code 200} without a cookie. Requests with a session cookie or a query, and page
 * requests with credentials, are passed through untouched. Each answer carries an
 * {@code ETag} (the controller's where it sets one, as the drop JSON's, otherwise a
 * digest of the bytes; a matching {@code If-None-Match} gets {@code 304}), the page's own
 * headers (the security headers among them), and the gzip form when the client takes it.
 * Views are counted for analytics as if the page had been rendered. Runs ahead of the
 * security filters: for an anonymous GET of a public page they would decide nothing.
 */
@Component
class SharedPageCache extends OncePerRequestFilter implements Ordered {

	/** Request attribute: the drop a shared page shows, for counting its views. */
	static final String SHARED_DROP = SharedPageCache.class.getName() + ".drop";

	private static final Pattern DROP_PAGE = Pattern.compile("/drops/([^/]+)");

	private static final Pattern DROP_JSON = Pattern.compile("/api/v1/drops/([^/]+)");

	/** Headers of the rendered page not replayed: the container sets them per answer. */
	private static final List<String> NOT_REPLAYED = List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_TYPE,
			HttpHeaders.DATE, HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CONTENT_ENCODING, HttpHeaders.SET_COOKIE,
			HttpHeaders.VARY);

	private static final long WAIT_SECONDS = 10;

	/** Pages kept at most: a made-up host name must not grow the map without end. */
	private static final int MAX_ENTRIES = 1_000;

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	/** The page last rendered per key, answered to others while it is rendered again. */
	private final Map<Key, Kept> lastRendered = new ConcurrentHashMap<>();

	/**
	 * The generation of the last change of a drop itself: renders before it are not kept.
	 */
	private final AtomicLong lastGeneration = new AtomicLong();

	private final AtomicLong generation = new AtomicLong();

	private final StoryViews views;

	private final Clock clock;

	private final long ttlNanos;

	SharedPageCache(StoryViews views, Clock clock, @Value("${drops.storefront.shared-page-ttl:PT1S}") Duration ttl) {
		this.views = views;
		this.clock = clock;
		this.ttlNanos = ttl.toNanos();
	}

	@Override
	public int getOrder() {
		// After the session repository's filter, ahead of the API admission and
		// security filters.
		return Ordered.HIGHEST_PRECEDENCE + 90;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.ttlNanos <= 0 || !"GET".equals(request.getMethod()) || request.getQueryString() != null
				|| AccountSessions.hasSessionCookie(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Key key = key(request);
		if (key == null || (request.getHeader(HttpHeaders.AUTHORIZATION) != null && !key.json())) {
			chain.doFilter(request, response);
			return;
		}
		long second = this.clock.instant().getEpochSecond();
		long now = System.nanoTime();
		long currentGeneration = this.generation.get();
		if (this.entries.size() >= MAX_ENTRIES && !this.entries.containsKey(key)) {
			this.entries.values().removeIf((kept) -> !kept.freshAt(second, now, currentGeneration, this.ttlNanos));
			if (this.entries.size() >= MAX_ENTRIES) {
				chain.doFilter(request, response);
				return;
			}
		}
		Entry mine = new Entry(second, now, currentGeneration, new CompletableFuture<>());
		Entry found = this.entries.compute(key, (k,
				kept) -> (kept != null && kept.freshAt(second, now, currentGeneration, this.ttlNanos)) ? kept : mine);
		if (found == mine) {
			render(request, response, chain, mine, key);
			return;
		}
		Kept kept = this.lastRendered.get(key);
		Page page = (!found.page().isDone() && kept != null
				&& kept.servableAt(now, second, this.lastGeneration.get(), this.ttlNanos)) ? kept.page()
						: awaitRender(found);
		if (page == null) {
			// The page was not one to keep (an error, a cookie): render it as usual.
			chain.doFilter(request, response);
			return;
		}
		if (page.drop() != null) {
			this.views.viewed(page.drop(), StoryViewTracking.visitor(request));
		}
		for (String[] header : page.headers()) {
			response.addHeader(header[0], header[1]);
		}
		send(request, response, page);
	}

	private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Entry mine,
			Key key) throws ServletException, IOException {
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		Page page = null;
		try {
			chain.doFilter(request, wrapper);
			page = keepable(request, wrapper, key);
			keep(key, page, mine);
		}
		finally {
			mine.page().complete(page);
			if (page == null || mine.generation() != this.generation.get()) {
				this.entries.remove(key, mine);
			}
		}
		if (page == null) {
			wrapper.copyBodyToResponse();
			return;
		}
		// The page's own headers are on the answer already.
		send(request, response, page);
	}

	private void keep(Key key, Page page, Entry render) {
		if (page == null) {
			// Not a page to keep (an error, a cookie): the one before stays for its two
			// periods.
			return;
		}
		if (this.lastRendered.size() >= MAX_ENTRIES) {
			this.lastRendered.clear();
		}
		Kept fresh = new Kept(page, render.bornNanos(), render.generation(), render.second());
		// A render that started earlier never replaces a later one.
		this.lastRendered.merge(key, fresh,
				(kept, candidate) -> (candidate.renderedAtNanos() - kept.renderedAtNanos() >= 0) ? candidate : kept);
	}

	private Page keepable(HttpServletRequest request, ContentCachingResponseWrapper response, Key key) {
		String cacheControl = response.getHeader(HttpHeaders.CACHE_CONTROL);
		if (response.getStatus() != HttpServletResponse.SC_OK || cacheControl == null
				|| !cacheControl.contains("public") || !response.getHeaders(HttpHeaders.SET_COOKIE).isEmpty()) {
			return null;
		}
		DropId drop = (request.getAttribute(SHARED_DROP) instanceof DropId shown) ? shown : null;
		if (drop == null && !key.json()) {
			return null;
		}
		byte[] body = response.getContentAsByteArray();
		List<String[]> headers = new ArrayList<>();
		for (String name : response.getHeaderNames()) {
			if (NOT_REPLAYED.stream().noneMatch(name::equalsIgnoreCase)) {
				for (String value : response.getHeaders(name)) {
					headers.add(new String[] { name, value });
				}
			}
		}
		// The controller's version where it gives one (the drop JSON's): a call it
		// answers itself (with a session) and a kept answer carry the same ETag.
		String etag = response.getHeader(HttpHeaders.ETAG);
		return new Page(drop, body, gzip(body), (etag != null) ? etag : etag(body), response.getContentType(),
				List.copyOf(headers));
	}

	private static void send(HttpServletRequest request, HttpServletResponse response, Page page) throws IOException {
		response.setHeader(HttpHeaders.ETAG, page.etag());
		// A shared cache keeps this page for visitors without cookies only.
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING + ", " + HttpHeaders.COOKIE);
		if (matches(request.getHeaders(HttpHeaders.IF_NONE_MATCH), page.etag())) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(page.contentType());
		String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
		byte[] body = page.body();
		if (accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
			// Already compressed: the container leaves an answer with an encoding as
			// it is.
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
			body = page.gzip();
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static boolean matches(Enumeration<String> ifNoneMatch, String etag) {
		while (ifNoneMatch != null && ifNoneMatch.hasMoreElements()) {
			for (String candidate : ifNoneMatch.nextElement().split(",")) {
				String tag = candidate.strip();
				if (tag.startsWith("W/")) {
					tag = tag.substring(2);
				}
				if (tag.equals(etag) || tag.equals("*")) {
					return true;
				}
			}
		}
		return false;
	}

	private static Page awaitRender(Entry entry) throws ServletException {
		try {
			return entry.page().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServletException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	@EventListener
	void on(ReservationPlaced event) {
		forgetAfterCommit(true);
	}

	@EventListener
	void on(ReservationReleased event) {
		forgetAfterCommit(true);
	}

	@EventListener
	void on(ReservationExpired event) {
		forgetAfterCommit(true);
	}

	@EventListener
	void on(DropSoldOut event) {
		forgetAfterCommit(false);
	}

	@EventListener
	void on(WaitlistJoined event) {
		forgetAfterCommit(true);
	}

	@EventListener
	void on(DropPreordersSettled event) {
		forgetAfterCommit(false);
	}

	@EventListener
	void on(DropRevised event) {
		forgetAfterCommit(false);
	}

	@EventListener
	void on(DropClosedEarly event) {
		forgetAfterCommit(false);
	}

	@EventListener
	void on(DropUnscheduled event) {
		forgetAfterCommit(false);
	}

	/**
	 * Forgets every kept page now and, inside a transaction, again once it has ended, so
	 * a page rendered meanwhile from the state before the commit is not kept either.
	 * @param stockOnly whether only stock changed: then the page rendered last may still
	 * be answered while it is rendered again
	 */
	void forgetAfterCommit(boolean stockOnly) {
		forget(stockOnly);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					forget(stockOnly);
				}

			});
		}
	}

	private void forget(boolean stockOnly) {
		long next = this.generation.incrementAndGet();
		if (!stockOnly) {
			this.lastGeneration.set(next);
			this.lastRendered.clear();
		}
		this.entries.clear();
	}

	/** The drop page or drop JSON asked for, or {@code null} for any other request. */
	private static Key key(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher page = DROP_PAGE.matcher(path);
		Matcher json = page.matches() ? page : DROP_JSON.matcher(path);
		if (!json.matches() || !Slug.isValid(json.group(1))) {
			return null;
		}
		return new Key(json.group(1), json != page, request.getScheme(), request.getServerName(),
				request.getServerPort());
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 3 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * One drop's page ({@code json} false) or JSON, as asked of one host.
	 */
	private record Key(String slug, boolean json, String scheme, String host, int port) {
	}

	/**
	 * The page rendered last, when its render started, in which generation and second.
	 */
	private record Kept(Page page, long renderedAtNanos, long generation, long second) {

		/**
		 * Whether it may answer while the page is rendered again: rendered in the same
		 * second (its countdown and the drop's state by the clock are still those of this
		 * second), at most two kept periods ago, after the last change of the drop
		 * itself.
		 */
		boolean servableAt(long nanos, long second, long lastDropChange, long ttlNanos) {
			return this.second == second && nanos - this.renderedAtNanos < 2 * ttlNanos
					&& this.generation >= lastDropChange;
		}

	}

	/**
	 * A page being rendered or rendered, for one second of the clock and one generation
	 * of the shop's state.
	 */
	private record Entry(long second, long bornNanos, long generation, CompletableFuture<Page> page) {

		boolean freshAt(long second, long nanos, long generation, long ttlNanos) {
			return this.second == second && this.generation == generation && nanos - this.bornNanos < ttlNanos;
		}

	}

	/**
	 * A kept answer; {@code drop} is {@code null} for a drop's JSON (no view counted).
	 */
	private record Page(DropId drop, byte[] body, byte[] gzip, String etag, String contentType,
			Collection<String[]> headers) {
	}

}
