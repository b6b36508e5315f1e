package io.microdrops.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.fulfilment.HubDetails;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.OpeningWindow;
import io.microdrops.preorder.PlacePreorder;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.ADMINISTRATION;
import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.ANALYTICS;
import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.MERCHANDISING;
import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.OPERATIONS;
import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.OWNER;
import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.PUBLIC;
import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.SECOND_STEP;
import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.SIGNED_IN;
import static io.microdrops.web.AuthorisationMatrixIntegrationTests.Access.SIGNS_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every route the application maps, tried as an anonymous visitor, a fan, another fan, a
 * merchandiser, ops staff and an admin, against the access it is meant to have. A route
 * mapped without a line in {@link #ROUTES} fails the build with its name, so no new page
 * or API call escapes review. Every state-changing route is also tried without a CSRF
 * token, which must be refused.
 * <p>
 * Adding a route is one line: {@code route("POST /drops/{slug}/thing", SIGNED_IN)}, plus
 * {@code .at("/drops/{drop}/thing")} when its path variables need one of the fixtures
 * below ({drop}, {draft}, {sku}, {community}, {reservation}, {order}, {hub},
 * {preorderDrop}, {preorderSku}, {preorder}, {drawDrop}; {id}, {token}, {key} and {block}
 * are filled with unknown values). A body given with {@code .sending(…)} may use them
 * too.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuthorisationMatrixIntegrationTests {

	/** Who may reach a route. */
	enum Access {

		/** Anyone, signed in or not. */
		PUBLIC,
		/** Anyone signed in; anonymous visitors are sent to sign in. */
		SIGNED_IN,
		/** Only the fan who owns the object in the path; everybody else gets 404. */
		OWNER,
		/** MERCHANDISER or ADMIN. */
		MERCHANDISING,
		/** OPS or ADMIN. */
		OPERATIONS,
		/** The dashboards: OPS, ADMIN or MERCHANDISER. */
		ANALYTICS,
		/** ADMIN only. */
		ADMINISTRATION,
		/** The second step of signing in: without a pending sign-in, back to the form. */
		SECOND_STEP,
		/** Anyone signed in, and it ends their session: everybody lands on the form. */
		SIGNS_OUT

	}

	static final List<Route> ROUTES = List.of(
	// @formatter:off
			// Storefront
			route("GET /", PUBLIC),
			route("GET /drops/{slug}", PUBLIC).at("/drops/{drop}"),
			route("GET /drops/{slug}/stock", PUBLIC).at("/drops/{drop}/stock"),
			route("GET /communities", PUBLIC),
			route("GET /communities/{slug}", PUBLIC).at("/communities/{community}"),
			route("GET /media/{key}", PUBLIC),
			route("POST /drops/{slug}/waitlist", SIGNED_IN).at("/drops/{drop}/waitlist"),
			route("POST /drops/{slug}/waitlist/leave", SIGNED_IN).at("/drops/{drop}/waitlist/leave"),
			route("POST /skus/{sku}/notify", SIGNED_IN),
			route("POST /skus/{sku}/notify/stop", SIGNED_IN),
			route("POST /communities/{slug}/join", SIGNED_IN).at("/communities/{community}/join"),
			route("POST /communities/{slug}/leave", SIGNED_IN).at("/communities/{community}/leave"),
			route("POST /drops/{slug}/reserve", SIGNED_IN).at("/drops/{drop}/reserve"),
			route("GET /checkout/{id}", OWNER).at("/checkout/{reservation}"),
			route("POST /checkout/{id}/pay", OWNER).at("/checkout/{reservation}/pay")
				.sending("cardNumber=4242424242424242&method=SHIPPING&address=2+Groove+St"),
			route("POST /checkout/{id}/release", OWNER).at("/checkout/{reservation}/release"),
			route("GET /skus/{slug}", PUBLIC).at("/skus/{sku}"),
			route("GET /drops/{slug}/calendar.ics", PUBLIC).at("/drops/{drop}/calendar.ics"),
			route("GET /communities/{slug}/drops.ics", PUBLIC).at("/communities/{community}/drops.ics"),
			route("GET /robots.txt", PUBLIC),
			route("GET /sitemap.xml", PUBLIC),
			// Sent by js/story-beacon.js from the drop page anonymous visitors share, which
			// carries no CSRF token; it changes nothing of anyone's account.
			route("POST /drops/{slug}/story-beacon", PUBLIC).withoutCsrf().at("/drops/{drop}/story-beacon")
				.sending("sku={sku}&block=1"),
			route("GET /drops/{slug}/draw", PUBLIC).at("/drops/{drawDrop}/draw"),
			route("POST /drops/{slug}/draw/entry", SIGNED_IN).at("/drops/{drawDrop}/draw/entry"),
			route("GET /drops/{slug}/transparency", PUBLIC).at("/drops/{drawDrop}/transparency"),
			route("GET /drops/{slug}/preorder", SIGNED_IN).at("/drops/{preorderDrop}/preorder"),
			route("POST /drops/{slug}/preorder", SIGNED_IN).at("/drops/{preorderDrop}/preorder")
				.sending("sku={preorderSku}&quantity=1&cardNumber=4242424242424242&method=SHIPPING&address=2+Groove+St"),
			// Read from the "ready for pickup" mail outside any session, under a secret name.
			route("GET /pickup-codes/{token:[0-9a-f]{32}}.png", PUBLIC)
				.at("/pickup-codes/0123456789abcdef0123456789abcdef.png"),
			// Signing up and in, accounts
			route("GET /signup", PUBLIC),
			route("POST /signup", PUBLIC),
			route("GET /signup/check-inbox", PUBLIC),
			route("GET /login", PUBLIC),
			route("GET /login/code", SECOND_STEP),
			route("POST /login/code", SECOND_STEP),
			route("GET /login/enrol", SECOND_STEP),
			// Without a pending enrolment there is no code to draw: 404 for everyone.
			route("GET /login/enrol/qr.png", PUBLIC),
			route("POST /login/enrol", SECOND_STEP),
			route("GET /setup", PUBLIC),
			route("POST /setup", PUBLIC),
			route("GET /invitations/{token}", PUBLIC),
			route("POST /invitations/{token}", PUBLIC),
			route("POST /invitations/{token}/roles", PUBLIC),
			route("GET /forgot-password", PUBLIC),
			route("POST /forgot-password", PUBLIC),
			route("GET /forgot-password/sent", PUBLIC),
			route("GET /password-reset", PUBLIC),
			route("POST /password-reset", PUBLIC),
			route("GET /email-change", PUBLIC),
			route("POST /email-change", PUBLIC),
			// One-click unsubscribe from a mail client (RFC 8058) carries no CSRF token.
			route("GET /unsubscribe", PUBLIC),
			route("POST /unsubscribe", PUBLIC).withoutCsrf(),
			route("GET /account", SIGNED_IN),
			route("POST /account/confirmation", SIGNED_IN),
			route("POST /account/marketing", SIGNED_IN),
			route("GET /account/confirm", SIGNED_IN),
			route("GET /account/waitlists", SIGNED_IN),
			route("GET /account/orders", SIGNED_IN),
			route("GET /account/orders/{id}", OWNER).at("/account/orders/{order}"),
			route("GET /account/orders/{id}/pickup-code.png", OWNER).at("/account/orders/{order}/pickup-code.png"),
			route("GET /account/preorders", SIGNED_IN),
			route("GET /account/collection", SIGNED_IN),
			route("POST /account/collection/profile", SIGNED_IN),
			// Unknown or private handles are 404 for everyone.
			route("GET /collectors/{handle}", PUBLIC).at("/collectors/no-such-collector"),
			route("GET /account/tokens", SIGNED_IN),
			route("GET /account/data", SIGNED_IN),
			route("POST /account/tokens", SIGNED_IN).sending("name=matrix"),
			route("POST /account/tokens/{id}/revoke", SIGNED_IN)
				.at("/account/tokens/00000000-0000-0000-0000-000000000000/revoke"),
			route("POST /account/preorders/{id}/cancel", OWNER).at("/account/preorders/{preorder}/cancel"),
			route("GET /account/password", SIGNED_IN),
			route("POST /account/password", SIGNED_IN),
			route("GET /account/email", SIGNED_IN),
			route("POST /account/email", SIGNED_IN),
			route("POST /account/sign-out-everywhere", SIGNS_OUT),
			route("GET /account/delete", SIGNED_IN),
			route("POST /account/delete", SIGNED_IN),
			route("GET /account/two-factor", SIGNED_IN),
			route("GET /account/two-factor/setup", SIGNED_IN),
			route("GET /account/two-factor/qr.png", SIGNED_IN),
			route("POST /account/two-factor/setup", SIGNED_IN),
			route("POST /account/two-factor/recovery-codes", SIGNED_IN),
			route("POST /account/two-factor/disable", SIGNED_IN),
			// Merchandisers
			route("GET /admin", MERCHANDISING),
			route("GET /admin/calendar", MERCHANDISING),
			route("GET /admin/communities", MERCHANDISING),
			route("GET /admin/communities/new", MERCHANDISING),
			route("POST /admin/communities", MERCHANDISING),
			route("GET /admin/communities/{slug}/edit", MERCHANDISING).at("/admin/communities/{community}/edit"),
			route("POST /admin/communities/{slug}", MERCHANDISING).at("/admin/communities/{community}"),
			route("GET /admin/communities/{slug}/recognition", MERCHANDISING)
				.at("/admin/communities/{community}/recognition"),
			route("POST /admin/communities/{slug}/recognition", MERCHANDISING)
				.at("/admin/communities/{community}/recognition"),
			route("GET /admin/communities/{slug}/recognition/{id}", MERCHANDISING)
				.at("/admin/communities/{community}/recognition/{id}"),
			route("POST /admin/communities/{slug}/recognition/{id}", MERCHANDISING)
				.at("/admin/communities/{community}/recognition/{id}"),
			route("POST /admin/communities/{slug}/recognition/{id}/delete", MERCHANDISING)
				.at("/admin/communities/{community}/recognition/{id}/delete"),
			route("GET /admin/communities/{slug}/hooks", MERCHANDISING).at("/admin/communities/{community}/hooks"),
			// Refused target (loopback): the form comes back with the message, nothing saved.
			route("POST /admin/communities/{slug}/hooks", MERCHANDISING).at("/admin/communities/{community}/hooks")
				.sending("url=http%3A%2F%2F127.0.0.1%2Fhook"),
			route("POST /admin/communities/{slug}/hooks/{id}/delete", MERCHANDISING)
				.at("/admin/communities/{community}/hooks/{id}/delete"),
			route("POST /admin/communities/{slug}/hooks/ping", MERCHANDISING)
				.at("/admin/communities/{community}/hooks/ping"),
			route("GET /admin/communities/{slug}/hooks/deliveries/{id}", MERCHANDISING)
				.at("/admin/communities/{community}/hooks/deliveries/{id}"),
			route("GET /admin/communities/{slug}/demand", MERCHANDISING).at("/admin/communities/{community}/demand"),
			route("GET /admin/skus", MERCHANDISING),
			route("GET /admin/skus/new", MERCHANDISING),
			route("POST /admin/skus", MERCHANDISING),
			route("GET /admin/skus/{slug}/edit", MERCHANDISING).at("/admin/skus/{sku}/edit"),
			route("POST /admin/skus/{slug}", MERCHANDISING).at("/admin/skus/{sku}"),
			route("POST /admin/skus/{slug}/retire", MERCHANDISING).at("/admin/skus/{sku}/retire"),
			route("POST /admin/skus/{slug}/reactivate", MERCHANDISING).at("/admin/skus/{sku}/reactivate"),
			route("GET /admin/skus/{slug}/story", MERCHANDISING).at("/admin/skus/{sku}/story"),
			route("GET /admin/skus/{slug}/preview", MERCHANDISING).at("/admin/skus/{sku}/preview"),
			route("POST /admin/skus/{slug}/story/hero", MERCHANDISING).at("/admin/skus/{sku}/story/hero"),
			route("POST /admin/skus/{slug}/story/text", MERCHANDISING).at("/admin/skus/{sku}/story/text"),
			route("POST /admin/skus/{slug}/story/interview", MERCHANDISING).at("/admin/skus/{sku}/story/interview"),
			route("POST /admin/skus/{slug}/story/specs", MERCHANDISING).at("/admin/skus/{sku}/story/specs"),
			route("POST /admin/skus/{slug}/story/gallery", MERCHANDISING).at("/admin/skus/{sku}/story/gallery"),
			route("POST /admin/skus/{slug}/story/showcase", MERCHANDISING).at("/admin/skus/{sku}/story/showcase"),
			route("POST /admin/skus/{slug}/story/{block}/photos", MERCHANDISING).at("/admin/skus/{sku}/story/{block}/photos"),
			route("POST /admin/skus/{slug}/story/{block}/up", MERCHANDISING).at("/admin/skus/{sku}/story/{block}/up"),
			route("POST /admin/skus/{slug}/story/{block}/down", MERCHANDISING).at("/admin/skus/{sku}/story/{block}/down"),
			route("POST /admin/skus/{slug}/story/{block}/remove", MERCHANDISING).at("/admin/skus/{sku}/story/{block}/remove"),
			route("GET /admin/drops", MERCHANDISING),
			route("GET /admin/drops/new", MERCHANDISING),
			route("POST /admin/drops", MERCHANDISING),
			route("GET /admin/drops/{slug}", MERCHANDISING).at("/admin/drops/{draft}"),
			route("GET /admin/drops/{slug}/edit", MERCHANDISING).at("/admin/drops/{draft}/edit"),
			route("POST /admin/drops/{slug}", MERCHANDISING).at("/admin/drops/{draft}"),
			route("POST /admin/drops/{slug}/schedule", MERCHANDISING).at("/admin/drops/{draft}/schedule"),
			route("POST /admin/drops/{slug}/unschedule", MERCHANDISING).at("/admin/drops/{draft}/unschedule"),
			route("POST /admin/drops/{slug}/close", MERCHANDISING).at("/admin/drops/{draft}/close"),
			route("GET /admin/drops/{slug}/waitlist", MERCHANDISING).at("/admin/drops/{drop}/waitlist"),
			route("GET /admin/drops/{slug}/draw", MERCHANDISING).at("/admin/drops/{drawDrop}/draw"),
			route("POST /admin/drops/{slug}/draw", MERCHANDISING).at("/admin/drops/{drawDrop}/draw")
				.sending("waitlistWeight=2&collectorWeight=3&purchaseWindowMinutes=60"),
			route("GET /admin/drops/{slug}/follow-up", MERCHANDISING).at("/admin/drops/{drop}/follow-up"),
			route("POST /admin/drops/{slug}/follow-up", MERCHANDISING).at("/admin/drops/{drop}/follow-up")
				.sending("thankYouNote=Thanks&delayHours=48&earlyAccess=true&earlyHours=24&validityDays=30"),
			route("POST /admin/drops/{slug}/follow-up/remove", MERCHANDISING).at("/admin/drops/{drop}/follow-up/remove"),
			route("GET /admin/drops/{slug}/monitor", MERCHANDISING).at("/admin/drops/{drop}/monitor"),
			route("GET /admin/drops/{slug}/monitor/pulse", MERCHANDISING).at("/admin/drops/{drop}/monitor/pulse"),
			route("GET /admin/drops/{slug}/fulfilment", MERCHANDISING).at("/admin/drops/{drop}/fulfilment"),
			route("POST /admin/drops/{slug}/fulfilment/items/{item}", MERCHANDISING)
				.at("/admin/drops/{drop}/fulfilment/items/{id}").sending("mode=share&hub.{hub}=on"),
			route("POST /admin/drops/{slug}/fulfilment/note", MERCHANDISING).at("/admin/drops/{drop}/fulfilment/note")
				.sending("note=Fragile"),
			route("GET /admin/cadences", MERCHANDISING),
			route("GET /admin/cadences/new", MERCHANDISING),
			route("POST /admin/cadences", MERCHANDISING),
			route("GET /admin/cadences/{slug}/edit", MERCHANDISING).at("/admin/cadences/{token}/edit"),
			route("POST /admin/cadences/{slug}", MERCHANDISING).at("/admin/cadences/{token}"),
			route("POST /admin/cadences/{slug}/pause", MERCHANDISING).at("/admin/cadences/{token}/pause"),
			route("POST /admin/cadences/{slug}/resume", MERCHANDISING).at("/admin/cadences/{token}/resume"),
			route("POST /admin/cadences/run", MERCHANDISING),
			// Admins only
			route("GET /admin/staff", ADMINISTRATION),
			route("POST /admin/staff/invitations", ADMINISTRATION),
			route("POST /admin/staff/invitations/withdraw", ADMINISTRATION),
			route("POST /admin/staff/{id}/roles", ADMINISTRATION),
			route("POST /admin/staff/{id}/deactivate", ADMINISTRATION),
			route("POST /admin/staff/{id}/reactivate", ADMINISTRATION),
			route("POST /admin/staff/two-factor", ADMINISTRATION),
			route("GET /admin/staff/audit", ADMINISTRATION),
			route("GET /admin/outbox", ADMINISTRATION),
			route("GET /admin/outbox/{id}", ADMINISTRATION),
			route("GET /admin/outbox/{id}/html", ADMINISTRATION),
			route("GET /admin/deliveries", ADMINISTRATION),
			// Ops
			route("GET /ops", OPERATIONS),
			route("GET /ops/hubs", OPERATIONS),
			route("GET /ops/hubs/new", OPERATIONS),
			route("POST /ops/hubs", OPERATIONS),
			route("GET /ops/hubs/{slug}/edit", OPERATIONS).at("/ops/hubs/{hub}/edit"),
			route("POST /ops/hubs/{slug}", OPERATIONS).at("/ops/hubs/{hub}"),
			route("GET /ops/queue", OPERATIONS),
			route("POST /ops/queue/batch", OPERATIONS).sending("to=PICKING"),
			route("GET /ops/orders/{id}", OPERATIONS).at("/ops/orders/{order}"),
			route("POST /ops/orders/{id}/move", OPERATIONS).at("/ops/orders/{order}/move").sending("to=PICKING"),
			route("GET /ops/orders/{id}/slip", OPERATIONS).at("/ops/orders/{order}/slip"),
			route("GET /ops/pick-lists/{drop}", OPERATIONS),
			route("GET /ops/pickups", OPERATIONS),
			route("POST /ops/pickups/handover", OPERATIONS).sending("hub={hub}&code=NOPE0000"),
			route("GET /ops/analytics", ANALYTICS),
			route("GET /ops/analytics/{table}.csv", ANALYTICS).at("/ops/analytics/drops.csv"),
			// JSON API
			route("GET /api/v1/drops", PUBLIC),
			route("GET /api/v1/drops/{slug}", PUBLIC).at("/api/v1/drops/{drop}"),
			route("POST /api/v1/drops/{slug}/waitlist", SIGNED_IN).at("/api/v1/drops/{drop}/waitlist"),
			route("POST /api/v1/drops/{slug}/reservations", SIGNED_IN).at("/api/v1/drops/{drop}/reservations"),
			route("DELETE /api/v1/reservations/{id}", OWNER).at("/api/v1/reservations/{reservation}"),
			route("POST /api/v1/reservations/{id}/order", OWNER).at("/api/v1/reservations/{reservation}/order")
				.sending("{\"payment\":{\"cardNumber\":\"4242424242424242\"},\"fulfilment\":{\"method\":\"SHIPPING\",\"address\":\"2 Groove St\"}}"),
			route("GET /api/v1/me/orders", SIGNED_IN),
			route("GET /api/v1/me/tokens", SIGNED_IN),
			route("POST /api/v1/me/tokens", SIGNED_IN).sending("{\"name\": \"matrix\"}"),
			route("DELETE /api/v1/me/tokens/{id}", SIGNED_IN).at("/api/v1/me/tokens/00000000-0000-0000-0000-000000000000"),
			route("GET /api/v1/hubs", PUBLIC),
			route("GET /api/v1/drops/{slug}/draw", PUBLIC).at("/api/v1/drops/{drawDrop}/draw"),
			route("GET /api/v1/drops/{slug}/transparency", PUBLIC).at("/api/v1/drops/{drawDrop}/transparency"),
			route("POST /api/v1/drops/{slug}/draw/entries", SIGNED_IN).at("/api/v1/drops/{drawDrop}/draw/entries"),
			route("GET /api/v1/drops/{slug}/preorders", PUBLIC).at("/api/v1/drops/{preorderDrop}/preorders"),
			route("POST /api/v1/drops/{slug}/preorders", SIGNED_IN).at("/api/v1/drops/{preorderDrop}/preorders")
				.sending("{\"sku\":\"{preorderSku}\",\"quantity\":1,\"payment\":{\"cardNumber\":\"4242424242424242\"},\"fulfilment\":{\"method\":\"SHIPPING\",\"address\":\"2 Groove St\"}}"),
			route("DELETE /api/v1/preorders/{id}", OWNER).at("/api/v1/preorders/{preorder}"),
			route("GET /api/v1/me/preorders", SIGNED_IN),
			// Waiting rooms ({drop} has none: the page region answers 404, joining refuses).
			route("GET /drops/{slug}/queue", PUBLIC).at("/drops/{drop}/queue"),
			route("POST /drops/{slug}/queue", SIGNED_IN).at("/drops/{drop}/queue"),
			route("GET /api/v1/drops/{slug}/queue", SIGNED_IN).at("/api/v1/drops/{drop}/queue"),
			route("POST /api/v1/drops/{slug}/queue", SIGNED_IN).at("/api/v1/drops/{drop}/queue"),
			route("POST /api/v1/admin/communities", MERCHANDISING),
			route("POST /api/v1/admin/skus", MERCHANDISING),
			route("POST /api/v1/admin/drops", MERCHANDISING),
			route("POST /api/v1/admin/drops/{slug}/schedule", MERCHANDISING).at("/api/v1/admin/drops/{draft}/schedule"),
			// Signed by Stripe rather than a CSRF token; answers 404 unless Stripe takes payments.
			route("POST /api/v1/payments/stripe/webhook", PUBLIC).withoutCsrf(),
			route("GET /v3/api-docs", PUBLIC),
			route("GET /v3/api-docs.yaml", PUBLIC),
			route("GET /v3/api-docs/swagger-config", PUBLIC),
			route("GET /swagger-ui.html", PUBLIC),
			route("GET /admin/drops/{slug}/fairness", MERCHANDISING).at("/admin/drops/{draft}/fairness"),
			route("POST /admin/drops/{slug}/fairness", MERCHANDISING).at("/admin/drops/{draft}/fairness")
				.sending("capAcrossCards=true&createdBeforeChoice=ANY"),
			route("ANY /error", PUBLIC));
	// @formatter:on

	enum Principal {

		// The owner comes last, after everybody else has tried the fan's objects.
		ANONYMOUS(null), OTHER_FAN(TestAccounts.OTHER_FAN), MERCHANDISER(TestAccounts.MERCHANDISER),
		OPS(TestAccounts.OPS), ADMIN(TestAccounts.ADMIN), FAN(TestAccounts.FAN);

		final String email;

		Principal(String email) {
			this.email = email;
		}

	}

	enum Outcome {

		ALLOWED, SIGN_IN, FORBIDDEN, NOT_FOUND;

		static Outcome expected(Access access, Principal who) {
			if (access == PUBLIC) {
				return ALLOWED;
			}
			if (access == Access.SECOND_STEP || access == Access.SIGNS_OUT) {
				return SIGN_IN;
			}
			if (who == Principal.ANONYMOUS) {
				return SIGN_IN;
			}
			return switch (access) {
				case PUBLIC, SIGNED_IN -> ALLOWED;
				case OWNER -> (who == Principal.FAN) ? ALLOWED : NOT_FOUND;
				case MERCHANDISING -> (who == Principal.MERCHANDISER || who == Principal.ADMIN) ? ALLOWED : FORBIDDEN;
				case OPERATIONS -> (who == Principal.OPS || who == Principal.ADMIN) ? ALLOWED : FORBIDDEN;
				case ANALYTICS -> (who == Principal.OPS || who == Principal.ADMIN || who == Principal.MERCHANDISER)
						? ALLOWED : FORBIDDEN;
				case ADMINISTRATION -> (who == Principal.ADMIN) ? ALLOWED : FORBIDDEN;
				case SECOND_STEP, SIGNS_OUT -> SIGN_IN;
			};
		}

		/**
		 * What a response means. ALLOWED is anything that got past the access checks
		 * without breaking: a page, a redirect elsewhere, a validation answer, or a 404
		 * for an unknown (not someone else's) object.
		 */
		static boolean matches(Outcome expected, MockHttpServletResponse response) {
			int status = response.getStatus();
			String location = response.getRedirectedUrl();
			boolean signIn = status == 401 || (status == 302 && location != null && location.endsWith("/login"));
			return switch (expected) {
				case SIGN_IN -> signIn;
				case FORBIDDEN -> status == 403;
				case NOT_FOUND -> status == 404;
				case ALLOWED -> !signIn && status != 403 && status < 500;
			};
		}

	}

	private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UserDetailsService users;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	HubManagement hubs;

	@Autowired
	PreorderManagement preorders;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApiTokenManagement tokens;

	private Map<String, Supplier<String>> fixtures;

	@BeforeEach
	void fixtures() {
		TestAccounts.ensure(this.accounts);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create("matrix-" + suffix,
				new CommunityDetails("Matrix " + suffix, "Access checks", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("matrix-sku-" + suffix,
				new SkuDetails("Slipmat", Money.of(1900, "EUR"), null, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String live = "matrix-live-" + suffix;
		this.drops
			.createDraft(live,
					new DropPlan("Live " + suffix, community.id(), AccessMode.FIRST_COME,
							new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofMinutes(1)),
									now.plus(Duration.ofDays(1))),
							10, null, List.of(new NewDropItem(sku.id(), 400, 400))));
		this.drops.schedule(live, new DropManagement.Scheduler(null, false), null);
		String draft = "matrix-draft-" + suffix;
		this.drops
			.createDraft(draft,
					new DropPlan("Draft " + suffix, community.id(), AccessMode.FIRST_COME,
							new Timeline(now.plus(Duration.ofDays(20)), null, now.plus(Duration.ofDays(21)),
									now.plus(Duration.ofDays(22))),
							10, null, List.of(new NewDropItem(sku.id(), 5, 1))));
		var fan = ((SignedInUser) this.users.loadUserByUsername(TestAccounts.FAN)).accountId();
		Supplier<UUID> reservation = () -> this.checkout.reserve(new ReserveRequest(live, sku.slug(), 1, fan, null))
			.id();
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, new OpeningWindow(LocalTime.MIN, LocalTime.of(23, 59)));
		}
		var hub = this.hubs.create(new HubDetails("matrix-hub-" + suffix, "Matrix hub " + suffix, "1 Counter Street",
				"UTC", null, null, 50, 60, null, null, LocalTime.of(23, 59), true, hours));
		// A drop taking pre-orders until tomorrow, well below its threshold.
		String preorderDrop = "matrix-preorder-" + suffix;
		var preorderSku = this.catalog.create("matrix-preorder-sku-" + suffix,
				new SkuDetails("Test pressing", Money.of(2400, "EUR"), null, null, null));
		this.drops.createDraft(preorderDrop,
				new DropPlan("Pre-order " + suffix, community.id(), AccessMode.FIRST_COME,
						new Timeline(now.minus(Duration.ofDays(1)), null, now.plus(Duration.ofDays(2)),
								now.plus(Duration.ofDays(7))),
						10, 50, now.plus(Duration.ofDays(1)), List.of(new NewDropItem(preorderSku.id(), 100, 10))));
		this.drops.schedule(preorderDrop, new DropManagement.Scheduler(null, false), null);
		// A draw drop taking entries until the day after tomorrow.
		String drawDrop = "matrix-draw-" + suffix;
		this.drops.createDraft(drawDrop,
				new DropPlan(
						"Draw " + suffix, community.id(), AccessMode.DRAW, new Timeline(now.minus(Duration.ofDays(1)),
								null, now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(7))),
						10, null, List.of(new NewDropItem(sku.id(), 5, 1))));
		this.drops.schedule(drawDrop, new DropManagement.Scheduler(null, false), null);
		Map<String, Supplier<String>> fixtures = new HashMap<>();
		fixtures.put("drawDrop", () -> drawDrop);
		fixtures.put("drop", () -> live);
		fixtures.put("draft", () -> draft);
		fixtures.put("sku", sku::slug);
		fixtures.put("community", community::slug);
		fixtures.put("reservation", () -> reservation.get().toString());
		fixtures.put("order",
				() -> this.orders
					.placeOrder(new PlaceOrder(reservation.get(), fan, "4242424242424242",
							new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Groove St, Leeds")))
					.id()
					.toString());
		fixtures.put("hub", hub::slug);
		fixtures.put("preorderDrop", () -> preorderDrop);
		fixtures.put("preorderSku", preorderSku::slug);
		fixtures.put("preorder",
				() -> this.preorders
					.place(new PlacePreorder(preorderDrop, preorderSku.slug(), 1, fan, "4242424242424242",
							new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Groove St, Leeds")))
					.preorder()
					.id()
					.toString());
		fixtures.put("id", () -> UUID.randomUUID().toString());
		fixtures.put("token", () -> "no-such-token");
		fixtures.put("key", () -> "no-such-key.png");
		fixtures.put("block", () -> UUID.randomUUID().toString());
		this.fixtures = fixtures;
	}

	@Test
	void expectsSomethingOfEveryMappedRouteAndOfNoOtherRoute() {
		Set<String> mapped = mappedRoutes();
		Set<String> listed = ROUTES.stream().map(Route::name).collect(Collectors.toCollection(TreeSet::new));

		assertThat(difference(mapped, listed))
			.as("Routes without a line in AuthorisationMatrixIntegrationTests.ROUTES: add one for each")
			.isEmpty();
		assertThat(difference(listed, mapped)).as("Lines in ROUTES for routes the application no longer maps")
			.isEmpty();
	}

	@Test
	void answersEveryRouteAsItsAccessSaysForEveryone() throws Exception {
		List<String> wrong = new ArrayList<>();
		for (Route route : ROUTES) {
			// Each route gets fresh objects, so one request's effect (a released hold, a
			// paid order) never changes what the next one sees.
			String url = resolve(route.example());
			for (Principal who : Principal.values()) {
				Outcome expected = Outcome.expected(route.access(), who);
				MockHttpServletResponse response = perform(route, url, who, true);
				if (!Outcome.matches(expected, response)) {
					wrong.add("%s as %s: expected %s, got %d %s".formatted(route.name(), who, expected,
							response.getStatus(), String.valueOf(response.getRedirectedUrl())));
				}
			}
		}
		assertThat(wrong).as("Routes answering against their access").isEmpty();
	}

	@Test
	void refusesEveryStateChangingRouteWithoutACsrfToken() throws Exception {
		List<String> wrong = new ArrayList<>();
		for (Route route : ROUTES) {
			if (route.safe() || route.csrfExempt()) {
				continue;
			}
			String url = resolve(route.example());
			Principal allowed = switch (route.access()) {
				case PUBLIC, SECOND_STEP -> Principal.ANONYMOUS;
				case SIGNED_IN, OWNER, SIGNS_OUT -> Principal.FAN;
				case MERCHANDISING, OPERATIONS, ANALYTICS, ADMINISTRATION -> Principal.ADMIN;
			};
			MockHttpServletResponse response = perform(route, url, allowed, false);
			if (response.getStatus() != 403) {
				wrong.add(
						"%s as %s without a CSRF token: got %d".formatted(route.name(), allowed, response.getStatus()));
			}
		}
		assertThat(wrong).as("State-changing routes that accept a request without a CSRF token").isEmpty();
	}

	/** The API's reads that are the same for everyone: credentials are not read there. */
	private static final Set<String> PUBLIC_READS = Set.of("GET /api/v1/drops", "GET /api/v1/drops/{slug}");

	/**
	 * A script with the fan's personal API token ({@code Authorization: Bearer}, no
	 * session, no CSRF token): on the JSON API it is the fan, except that it cannot
	 * create more tokens; everywhere else the header counts for nothing, so pages answer
	 * as to an anonymous visitor and forms refuse the missing CSRF token. A revoked token
	 * is refused on every API call with 401, except the two public reads (the list and
	 * one drop), which answer everyone alike without reading credentials.
	 */
	@Test
	void answersEveryRouteToABearerTokenAsTheApiContractSays() throws Exception {
		AccountId fan = this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().id();
		String token = this.tokens.issue(fan, "matrix script").token();
		var revoked = this.tokens.issue(fan, "matrix revoked");
		this.tokens.revoke(fan, revoked.id());
		List<String> wrong = new ArrayList<>();
		for (Route route : ROUTES) {
			String url = resolve(route.example());
			boolean api = url.startsWith("/api/");
			Outcome expected;
			if (api) {
				expected = route.name().equals("POST /api/v1/me/tokens") ? Outcome.FORBIDDEN
						: Outcome.expected(route.access(), Principal.FAN);
			}
			else if (!route.safe() && !route.csrfExempt()) {
				expected = Outcome.FORBIDDEN;
			}
			else {
				expected = Outcome.expected(route.access(), Principal.ANONYMOUS);
			}
			MockHttpServletResponse response = performWithBearer(route, url, token);
			if (!Outcome.matches(expected, response)) {
				wrong.add("%s with a token: expected %s, got %d %s".formatted(route.name(), expected,
						response.getStatus(), String.valueOf(response.getRedirectedUrl())));
			}
			if (PUBLIC_READS.contains(route.name())) {
				MockHttpServletResponse answered = performWithBearer(route, url, revoked.token());
				if (answered.getStatus() != 200) {
					wrong.add("%s with a revoked token: expected the public answer, got %d".formatted(route.name(),
							answered.getStatus()));
				}
			}
			else if (api) {
				MockHttpServletResponse refused = performWithBearer(route, url, revoked.token());
				if (refused.getStatus() != 401 || refused.getContentType() == null
						|| !refused.getContentType().startsWith("application/problem+json")) {
					wrong.add("%s with a revoked token: expected a 401 problem, got %d %s".formatted(route.name(),
							refused.getStatus(), refused.getContentType()));
				}
			}
		}
		assertThat(wrong).as("Routes answering a bearer token against the API contract").isEmpty();
	}

	@Test
	void leavesAFansReservationAndWaitlistPlaceAloneWhateverAnotherFanSends() throws Exception {
		String reservation = resolve("{reservation}");
		String drop = resolve("{drop}");
		this.mvc.perform(request(HttpMethod.POST, "/drops/" + drop + "/waitlist").with(csrf())
			.with(user(this.users.loadUserByUsername(TestAccounts.FAN))));
		var other = user(this.users.loadUserByUsername(TestAccounts.OTHER_FAN));

		for (String url : List.of("/checkout/" + reservation + "/release", "/api/v1/reservations/" + reservation,
				"/drops/" + drop + "/waitlist/leave")) {
			HttpMethod method = url.startsWith("/api/") ? HttpMethod.DELETE : HttpMethod.POST;
			this.mvc.perform(request(method, url).with(csrf()).with(other));
		}
		this.mvc.perform(request(HttpMethod.POST, "/checkout/" + reservation + "/pay").with(csrf())
			.with(other)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("cardNumber=4242424242424242&method=SHIPPING&address=2+Groove+St"));

		assertThat(this.jdbc.queryForObject("select status from reservations where id = ?::uuid", String.class,
				reservation))
			.isEqualTo("HELD");
		assertThat(this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?::uuid", Long.class,
				reservation))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from waitlist_entries w join drops d on d.id = w.drop_id where d.slug = ?", Long.class,
				drop))
			.isOne();
	}

	private MockHttpServletResponse perform(Route route, String url, Principal who, boolean withCsrf) throws Exception {
		HttpMethod method = route.method().equals("ANY") ? HttpMethod.GET : HttpMethod.valueOf(route.method());
		MockHttpServletRequestBuilder request = request(method, url);
		String body = (route.body() != null) ? resolve(route.body()) : null;
		if (url.startsWith("/api/") && !route.safe()) {
			request.contentType(MediaType.APPLICATION_JSON).content((body != null) ? body : "{}");
		}
		else if (body != null) {
			request.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body);
		}
		if (withCsrf) {
			request.with(csrf());
		}
		if (who.email != null) {
			request.with(user(this.users.loadUserByUsername(who.email)));
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	private MockHttpServletResponse performWithBearer(Route route, String url, String token) throws Exception {
		HttpMethod method = route.method().equals("ANY") ? HttpMethod.GET : HttpMethod.valueOf(route.method());
		MockHttpServletRequestBuilder request = request(method, url).header("Authorization", "Bearer " + token);
		String body = (route.body() != null) ? resolve(route.body()) : null;
		if (url.startsWith("/api/") && !route.safe()) {
			request.contentType(MediaType.APPLICATION_JSON).content((body != null) ? body : "{}");
		}
		else if (body != null) {
			request.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body);
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	private String resolve(String example) {
		Matcher matcher = VARIABLE.matcher(example);
		StringBuilder url = new StringBuilder();
		while (matcher.find()) {
			Supplier<String> fixture = this.fixtures.get(matcher.group(1));
			assertThat(fixture)
				.as("a fixture for {%s} in %s; use .at(…) with one of %s", matcher.group(1), example,
						this.fixtures.keySet())
				.isNotNull();
			matcher.appendReplacement(url, fixture.get());
		}
		return matcher.appendTail(url).toString();
	}

	private Set<String> mappedRoutes() {
		Set<String> routes = new TreeSet<>();
		this.mappings.getHandlerMethods().keySet().forEach(info -> {
			Set<String> methods = info.getMethodsCondition()
				.getMethods()
				.stream()
				.map(Enum::name)
				.collect(Collectors.toSet());
			for (String pattern : info.getPatternValues()) {
				if (methods.isEmpty()) {
					routes.add("ANY " + pattern);
				}
				methods.forEach(method -> routes.add(method + " " + pattern));
			}
		});
		return routes;
	}

	private static Set<String> difference(Set<String> left, Set<String> right) {
		Set<String> result = new TreeSet<>(left);
		result.removeAll(right);
		return result;
	}

	static Route route(String name, Access access) {
		int space = name.indexOf(' ');
		String pattern = name.substring(space + 1);
		return new Route(name.substring(0, space), pattern, access, pattern, null, false);
	}

	/**
	 * One expectation: a mapped route (method and pattern), who may reach it, the URL to
	 * try it at, a body to send, and whether it is knowingly exempt from CSRF protection.
	 */
	record Route(String method, String pattern, Access access, String example, String body, boolean csrfExempt) {

		Route at(String example) {
			return new Route(this.method, this.pattern, this.access, example, this.body, this.csrfExempt);
		}

		/**
		 * A valid body (form fields, or JSON for the API), so checks past validation run.
		 */
		Route sending(String body) {
			return new Route(this.method, this.pattern, this.access, this.example, body, this.csrfExempt);
		}

		Route withoutCsrf() {
			return new Route(this.method, this.pattern, this.access, this.example, this.body, true);
		}

		String name() {
			return this.method + " " + this.pattern;
		}

		boolean safe() {
			return this.method.equals("GET") || this.method.equals("HEAD") || this.method.equals("ANY");
		}

	}

}
