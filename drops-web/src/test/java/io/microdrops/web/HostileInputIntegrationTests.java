package io.microdrops.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.microdrops.account.AccountManagement;
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
import io.microdrops.web.AuthorisationMatrixIntegrationTests.Access;
import io.microdrops.web.AuthorisationMatrixIntegrationTests.Route;
import io.microdrops.web.HostileCorpus.Entry;
import io.microdrops.web.HostileCorpus.Kind;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends the hostile-input corpus ({@code hostile/corpus.tsv}: over-long, control, bidi
 * and emoji text, bad numbers, wrong JSON types, malformed bodies, SQL and script
 * injection, traversal in paths and file names, hostile image files) to every field of
 * every state-changing route the application maps, over real HTTP, signed in as someone
 * the route lets in and with the page's CSRF token.
 * <p>
 * The fields come from the handler methods themselves: request parameters, the components
 * of form records ({@code @ModelAttribute}), the components of JSON bodies
 * ({@code @RequestBody}, nested records and lists included), path variables, headers and
 * upload fields; {@link #BASELINES} adds a valid rest of the form for the routes that
 * create things, so a hostile value in one field reaches as far as it can. Every field
 * gets a handful of corpus values, rotated so that across all fields every entry of the
 * corpus is sent.
 * <p>
 * Every answer: below 500; no exception class name or stack frame in the body; on the API
 * an error is {@code application/problem+json}; script sent in is never echoed unescaped.
 * Every refusal (a 4xx, or a form shown again with its errors) and every answer to a
 * value of 100,000 characters or more leaves the number of rows in every table of the
 * schema as it was.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileInputIntegrationTests {

	/** Corpus values each field gets. */
	private static final int VALUES_PER_FIELD = 2;

	/**
	 * A valid form or JSON body for routes whose fields only reach the database together.
	 * {@code {unique}} is replaced with a fresh value each time; the fixtures of
	 * {@link AuthorisationMatrixIntegrationTests} are available as there.
	 */
	static final Map<String, String> BASELINES = Map.ofEntries(
	// @formatter:off
			Map.entry("POST /admin/communities", "slug=h-{unique}&name=Hostile+club&description=Probing&homeChannelName=&homeChannelUrl=&targetSize=500&timeZone=Europe/London&minGapDays=0&maxDropsPer30Days=31"),
			Map.entry("POST /admin/communities/{slug}", "slug={community}&name=Hostile+club&description=Probing&homeChannelName=&homeChannelUrl=&targetSize=500&timeZone=Europe/London&minGapDays=0&maxDropsPer30Days=31"),
			Map.entry("POST /admin/skus", "slug=h-{unique}&name=Slipmat&price=19.00&currency=EUR&editionSize=&makerName=&makerBio="),
			Map.entry("POST /admin/skus/{slug}", "slug={sku}&name=Slipmat&price=19.00&currency=EUR&editionSize=&makerName=&makerBio="),
			Map.entry("POST /admin/drops", "slug=h-{unique}&title=Hostile+drop&community={community}&accessMode=FIRST_COME&announceAt=2031-01-01T10:00&opensAt=2031-01-08T18:00&closesAt=2031-01-10T18:00&holdMinutes=10&items[0].sku={sku}&items[0].quantity=5&items[0].perFanLimit=1"),
			Map.entry("POST /admin/drops/{slug}", "slug={draft}&title=Hostile+drop&community={community}&accessMode=FIRST_COME&announceAt=2031-01-01T10:00&opensAt=2031-01-08T18:00&closesAt=2031-01-10T18:00&holdMinutes=10&items[0].sku={sku}&items[0].quantity=5&items[0].perFanLimit=1"),
			Map.entry("POST /admin/cadences", "slug=h-{unique}&community={community}&frequency=WEEKLY&interval=1&weekdays=FRIDAY&time=18:00&startsOn=2031-01-03&titlePattern=Friday+drop+%7Bdate%7D&items[0].sku={sku}&items[0].quantity=5&items[0].perFanLimit=1&accessMode=FIRST_COME&announceLeadHours=48&earlyAccessLeadHours=&openHours=24&holdMinutes=10&horizonWeeks=2"),
			Map.entry("POST /ops/hubs", "slug=h-{unique}&name=Hostile+hub&address=1+Counter+St&timeZone=UTC&latitude=&longitude=&pickupCapacityPerDay=50&slotMinutes=60&deliveryPostcodes=&deliveryRadiusKm=&sameDayCutoff=&active=true&monday=10:00-18:00"),
			Map.entry("POST /ops/hubs/{slug}", "slug={hub}&name=Hostile+hub&address=1+Counter+St&timeZone=UTC&latitude=&longitude=&pickupCapacityPerDay=50&slotMinutes=60&deliveryPostcodes=&deliveryRadiusKm=&sameDayCutoff=&active=true&monday=10:00-18:00"),
			Map.entry("POST /admin/skus/{slug}/story/text", "text=A+story"),
			Map.entry("POST /admin/skus/{slug}/story/hero", "headline=Cast+by+hand&altText=A+keycap"),
			Map.entry("POST /admin/skus/{slug}/story/gallery", "altText=A+keycap&caption=Close+up"),
			Map.entry("POST /admin/skus/{slug}/story/showcase", "altText=A+desk&caption=Sent+by+a+fan"),
			Map.entry("POST /admin/skus/{slug}/story/interview", "questions=Why%3F&answers=Because"),
			Map.entry("POST /admin/skus/{slug}/story/specs", "labels=Weight&values=12g"),
			Map.entry("POST /signup", "email=h-{unique}@example.com&displayName=Hostile&password=correct+horse+battery"),
			Map.entry("POST /account/tokens", "name=script"),
			Map.entry("POST /drops/{slug}/reserve", "sku={sku}&quantity=1"),
			Map.entry("POST /admin/staff/invitations", "email=h-{unique}@example.com&roles=OPS"),
			Map.entry("POST /api/v1/admin/communities", "{\"slug\":\"h-{unique}\",\"name\":\"Hostile club\",\"description\":\"Probing\",\"minGapDays\":0,\"maxDropsPer30Days\":31}"),
			Map.entry("POST /api/v1/admin/skus", "{\"slug\":\"h-{unique}\",\"name\":\"Slipmat\",\"priceMinor\":1900,\"currency\":\"EUR\"}"),
			Map.entry("POST /api/v1/admin/drops", "{\"slug\":\"h-{unique}\",\"title\":\"Hostile drop\",\"community\":\"{community}\",\"accessMode\":\"FIRST_COME\",\"announceAt\":\"2031-01-01T10:00:00Z\",\"opensAt\":\"2031-01-08T18:00:00Z\",\"closesAt\":\"2031-01-10T18:00:00Z\",\"items\":[{\"sku\":\"{sku}\",\"quantity\":5,\"perFanLimit\":1}]}"),
			Map.entry("POST /api/v1/drops/{slug}/reservations", "{\"sku\":\"{sku}\",\"quantity\":1}"));
	// @formatter:on

	/** Tables that change on their own or on purpose when a call is refused. */
	private static final Set<String> NOT_COMPARED = Set.of("flyway_schema_history", "spring_session",
			"spring_session_attributes", "event_publication", "event_publication_archive", "shedlock",
			// audits record refusals too; idempotency keys keep refusals to repeat them
			"account_audit", "reserve_attempts", "checkout_idempotency",
			// written by background jobs while the corpus runs
			"mail_outbox", "drop_live_mails", "drop_openings", "drop_sell_outs",
			// rate limits count every attempt, refused or not
			"rate_limit_buckets");

	/** An exception class or a stack frame in a response body. */
	private static final Pattern STACK_TRACE = Pattern.compile(
			"\\b(java|javax|jakarta|org|com|tools|io\\.microdrops)\\.[\\w.$]+(Exception|Error)\\b|\\n\\s*at [\\w.$]+\\(|Whitelabel|SQLState|PSQLException"
					+ "|Failed to convert|to required type");

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]*)\"");

	private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(:[^}]*)?}");

	/** A form shown again with what is wrong: the refusal of a page. */
	private static final Pattern FORM_ERRORS = Pattern
		.compile("aria-invalid=\"true\"|class=\"error\"|class=\"alert error\"");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	AccountManagement accounts;

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

	private final HostileCorpus corpus = HostileCorpus.load();

	private final List<String> failures = new ArrayList<>();

	private final Set<String> sent = new TreeSet<>();

	private int requests;

	private int unsettled;

	private final Map<Kind, Integer> turns = new EnumMap<>(Kind.class);

	private final Instant started = Instant.now();

	private String countAllRows;

	@BeforeEach
	void accountsAndTables() {
		TestAccounts.ensure(this.accounts);
		this.countAllRows = countAllRowsQuery();
	}

	@Test
	void answersEveryHostileValueInEveryFieldWithAClearRefusalAndWritesNothingHalfway() throws Exception {
		long started = System.nanoTime();
		Map<String, Supplier<String>> fixtures = fixtures();
		Map<Access, Visitor> visitors = new EnumMap<>(Access.class);
		Visitor anonymous = new Visitor(null);
		Visitor fan = new Visitor(TestAccounts.FAN);
		Visitor merchandiser = new Visitor(TestAccounts.MERCHANDISER);
		Visitor ops = new Visitor(TestAccounts.OPS);
		Visitor admin = new Visitor(TestAccounts.ADMIN);
		visitors.put(Access.PUBLIC, anonymous);
		visitors.put(Access.SECOND_STEP, anonymous);
		visitors.put(Access.SIGNED_IN, fan);
		visitors.put(Access.OWNER, fan);
		visitors.put(Access.MERCHANDISING, merchandiser);
		visitors.put(Access.OPERATIONS, ops);
		visitors.put(Access.ANALYTICS, ops);
		visitors.put(Access.ADMINISTRATION, admin);

		Map<String, Route> routes = AuthorisationMatrixIntegrationTests.ROUTES.stream()
			.collect(Collectors.toMap(Route::name, route -> route));
		Map<String, HandlerMethod> handlers = stateChangingHandlers();
		assertThat(routes.keySet()).as("state-changing routes known to the authorisation matrix")
			.containsAll(handlers.keySet());

		Set<String> exercised = new TreeSet<>();
		List<String> names = new ArrayList<>(handlers.keySet());
		// Signing out everywhere ends the fan's other sessions: it goes last.
		names.sort((a, b) -> Boolean.compare(routes.get(a).access() == Access.SIGNS_OUT,
				routes.get(b).access() == Access.SIGNS_OUT));
		for (String name : names) {
			Route route = routes.get(name);
			HandlerMethod handler = handlers.get(name);
			Visitor visitor = (route.access() == Access.SIGNS_OUT) ? new Visitor(TestAccounts.FAN)
					: visitors.get(route.access());
			Target target = new Target(route, handler, visitor, fixtures);
			for (String field : target.fields()) {
				for (Entry value : rotate(this.corpus.fieldValues(), turn(Kind.TEXT), VALUES_PER_FIELD)) {
					target.sendField(field, value);
				}
				exercised.add(name);
			}
			for (String file : target.files()) {
				for (Entry image : rotate(this.corpus.of(Kind.IMAGE), turn(Kind.IMAGE), 5)) {
					target.sendFile(file, image);
				}
			}
			if (target.json()) {
				for (Entry body : rotate(this.corpus.of(Kind.BODY), turn(Kind.BODY), 6)) {
					target.sendBody(body);
				}
				exercised.add(name);
			}
			for (String variable : target.pathVariables()) {
				for (Entry value : rotate(this.corpus.of(Kind.PATH), turn(Kind.PATH), 3)) {
					target.sendPath(variable, value);
				}
				exercised.add(name);
			}
			for (String header : target.headers()) {
				for (Entry value : rotate(this.corpus.of(Kind.HEADER), turn(Kind.HEADER), 2)) {
					target.sendHeader(header, value);
				}
			}
			if (route.access() == Access.ADMINISTRATION) {
				// Undo the one setting the corpus may switch for every staff member.
				admin.form("/admin/staff/two-factor", "required=false");
			}
		}

		Set<String> corpusNames = new TreeSet<>();
		for (Kind kind : Kind.values()) {
			this.corpus.of(kind).forEach(entry -> corpusNames.add(entry.toString()));
		}
		System.out.printf(
				"Hostile corpus: %d requests to %d state-changing routes in %d s (%d waits for events "
						+ "cut short)%n",
				this.requests, exercised.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds(),
				this.unsettled);
		assertThat(this.failures).as("answers to hostile input that break the rules").isEmpty();
		assertThat(exercised).as("state-changing routes the corpus reached").containsAll(withInput(handlers));
		assertThat(this.sent).as("corpus entries sent at least once").containsAll(corpusNames);
	}

	/**
	 * Every hostile file uploaded as a story's hero image is either refused with the form
	 * shown again, or kept as an image: every file the story then shows is served with an
	 * image type matching its first bytes, {@code nosniff}, and never as HTML, SVG or
	 * script.
	 */
	@Test
	void servesWhateverHostileFileItKeepsAsAnImageOnlyWithNosniff() throws Exception {
		Map<String, Supplier<String>> fixtures = fixtures();
		Visitor merchandiser = new Visitor(TestAccounts.MERCHANDISER);
		String story = "/admin/skus/" + fixtures.get("sku").get() + "/story";
		List<String> wrong = new ArrayList<>();
		Set<String> kept = new TreeSet<>();
		for (Entry image : this.corpus.of(Kind.IMAGE)) {
			Answer answer = merchandiser.multipart(story + "/hero",
					Map.of("headline", "Hostile " + image.name(), "altText", "A file"), "image", image.value(),
					HostileCorpus.file(image));
			boolean refused = answer.status() == 200 && FORM_ERRORS.matcher(answer.body()).find()
					|| answer.status() == 302 && answer.location().contains("upload=too-large")
					|| answer.status() == 400;
			boolean stored = answer.status() == 302 && !refused;
			if (!refused && !stored) {
				wrong.add(image + ": answered " + answer.status());
			}
			if (refused && !answer.rowsBefore().equals(answer.rowsAfter())) {
				wrong.add(image + ": refused but changed rows " + changes(answer.rowsBefore(), answer.rowsAfter()));
			}
			if (stored) {
				kept.add(image.name());
			}
		}
		Matcher media = Pattern.compile("/media/([0-9a-f]{64})").matcher(merchandiser.page(story));
		Set<String> keys = new TreeSet<>();
		while (media.find()) {
			keys.add(media.group(1));
		}
		assertThat(keys).as("the images the story shows").isNotEmpty();
		for (String key : keys) {
			HttpResponse<byte[]> served = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/media/" + key)).build(),
						HttpResponse.BodyHandlers.ofByteArray());
			String type = served.headers().firstValue("Content-Type").orElse("");
			if (served.statusCode() != 200 || !type.matches("image/(png|jpeg|gif|webp)")
					|| !served.headers().allValues("X-Content-Type-Options").equals(List.of("nosniff"))
					|| !startsLike(served.body(), type)) {
				wrong.add("/media/" + key + " served " + served.statusCode() + " as '" + type + "' with "
						+ served.headers().allValues("X-Content-Type-Options"));
			}
		}
		System.out.printf("Hostile files kept as images: %s; %d files served%n", kept, keys.size());
		assertThat(kept).as("files that are no image are never kept")
			.doesNotContain("svg-with-script", "zip-renamed-png", "html-named-jpg", "truncated-png",
					"decompression-bomb-header", "oversized");
		assertThat(wrong).isEmpty();
	}

	private static boolean startsLike(byte[] body, String type) {
		return switch (type) {
			case "image/png" -> body.length > 8 && body[0] == (byte) 0x89 && body[1] == 'P';
			case "image/jpeg" -> body.length > 3 && body[0] == (byte) 0xFF && body[1] == (byte) 0xD8;
			case "image/gif" -> body.length > 6 && body[0] == 'G' && body[1] == 'I' && body[2] == 'F';
			case "image/webp" -> body.length > 12 && body[8] == 'W' && body[9] == 'E';
			default -> false;
		};
	}

	/** Routes that take any input: fields, a body, path variables. */
	private Set<String> withInput(Map<String, HandlerMethod> handlers) {
		return handlers.entrySet()
			.stream()
			.filter(handler -> Fields.of(handler.getValue()).hasInput())
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private int turn(Kind kind) {
		return this.turns.merge(kind, 1, Integer::sum) - 1;
	}

	/** A few of the values, the next few at each turn, so all are sent in turn. */
	private static List<Entry> rotate(List<Entry> values, int index, int few) {
		List<Entry> chosen = new ArrayList<>();
		int count = Math.min(few, values.size());
		for (int i = 0; i < count; i++) {
			chosen.add(values.get((index * count + i) % values.size()));
		}
		return chosen;
	}

	private Map<String, HandlerMethod> stateChangingHandlers() {
		Map<String, HandlerMethod> handlers = new TreeMap<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			for (var method : mapping.getKey().getMethodsCondition().getMethods()) {
				if (method.name().equals("GET") || method.name().equals("HEAD") || method.name().equals("OPTIONS")) {
					continue;
				}
				for (String pattern : mapping.getKey().getPatternValues()) {
					handlers.put(method.name() + " " + pattern, mapping.getValue());
				}
			}
		}
		return handlers;
	}

	/** One route under test: who sends, at which URL, with which valid rest of a body. */
	private final class Target {

		private final Route route;

		private final Fields fields;

		private final Visitor visitor;

		private final Map<String, Supplier<String>> fixtures;

		private final Map<String, String> resolved = new HashMap<>();

		Target(Route route, HandlerMethod handler, Visitor visitor, Map<String, Supplier<String>> fixtures) {
			this.route = route;
			this.fields = Fields.of(handler);
			this.visitor = visitor;
			this.fixtures = fixtures;
		}

		boolean json() {
			return this.fields.json;
		}

		Set<String> fields() {
			Set<String> all = new LinkedHashSet<>(this.fields.names);
			String baseline = baseline();
			if (baseline != null && !this.fields.json) {
				formFields(baseline).keySet().forEach(all::add);
			}
			all.removeAll(this.fields.files);
			return all;
		}

		Set<String> files() {
			return this.fields.files;
		}

		Set<String> headers() {
			return this.fields.headers;
		}

		List<String> pathVariables() {
			List<String> variables = new ArrayList<>();
			Matcher matcher = VARIABLE.matcher(this.route.pattern());
			while (matcher.find()) {
				variables.add(matcher.group(1));
			}
			return variables;
		}

		void sendField(String field, Entry value) throws Exception {
			String url = url(null, null);
			if (this.fields.json) {
				String body = JsonBodies.with(resolve(Objects.requireNonNullElse(baseline(), "{}")), field, value);
				check(value, field, this.visitor.json(this.route.method(), url, body, null, null), true);
			}
			else {
				Map<String, String> form = formFields(Objects.requireNonNullElse(baseline(), ""));
				form.put(field, value.value());
				check(value, field, this.visitor.form(this.route.method(), url, form), false);
			}
		}

		void sendFile(String field, Entry image) throws Exception {
			Map<String, String> form = formFields(Objects.requireNonNullElse(baseline(), ""));
			Answer answer = this.visitor.multipart(url(null, null), form, field, image.value(),
					HostileCorpus.file(image));
			check(image, field, answer, false);
		}

		void sendBody(Entry body) throws Exception {
			check(body, "body", this.visitor.json(this.route.method(), url(null, null), body.value(), null, null),
					true);
		}

		void sendPath(String variable, Entry value) throws Exception {
			String url = url(variable, value.value());
			String baseline = baseline();
			Answer answer = this.fields.json
					? this.visitor.json(this.route.method(), url, resolve(Objects.requireNonNullElse(baseline, "{}")),
							null, null)
					: this.visitor.form(this.route.method(), url, formFields(Objects.requireNonNullElse(baseline, "")));
			check(value, "{" + variable + "}", answer, url.startsWith("/api/"));
		}

		void sendHeader(String header, Entry value) throws Exception {
			String baseline = baseline();
			check(value, header, this.visitor.json(this.route.method(), url(null, null),
					resolve(Objects.requireNonNullElse(baseline, "{}")), header, value.value()), true);
		}

		private void check(Entry value, String field, Answer answer, boolean api) {
			HostileInputIntegrationTests.this.requests++;
			HostileInputIntegrationTests.this.sent.add(value.toString());
			String where = "%s %s ← %s".formatted(this.route.name(), field, value);
			if (answer.status() >= 500) {
				fail(where, "answered " + answer.status() + " " + excerpt(answer.body()));
			}
			// What was sent may be shown back (escaped) in a form: only the rest is read.
			String body = value.value().isEmpty() ? answer.body() : answer.body().replace(value.value(), "");
			Matcher trace = STACK_TRACE.matcher(body);
			if (trace.find()) {
				fail(where, "shows '" + trace.group() + "' (" + answer.status() + ")");
			}
			// The container refuses some malformed addresses itself, before the
			// application
			// (and its security headers) is reached: those answer 400 in the container's
			// words.
			if (api && answer.status() >= 400 && answer.fromApplication()
					&& !answer.contentType().startsWith("application/problem+json")) {
				fail(where, "answered " + answer.status() + " as '" + answer.contentType() + "', not problem+json");
			}
			if (value.value().contains("<script>") && answer.contentType().startsWith("text/html")
					&& answer.body().contains(value.value())) {
				fail(where, "echoes the script unescaped");
			}
			boolean refused = (answer.status() >= 400 && answer.status() < 500)
					|| (!api && answer.status() == 200 && FORM_ERRORS.matcher(answer.body()).find());
			if (refused && !answer.rowsBefore().equals(answer.rowsAfter())) {
				fail(where, "answered " + answer.status() + " but changed rows: "
						+ changes(answer.rowsBefore(), answer.rowsAfter()));
			}
			// A value of 100,000 characters is stored nowhere, whatever the answer.
			if (value.mustBeRefused() && value.kind() != Kind.BODY && gainsRows(answer)) {
				fail(where, "answered " + answer.status() + " and added rows: "
						+ changes(answer.rowsBefore(), answer.rowsAfter()));
			}
		}

		private String url(String variable, String hostile) {
			String example = (hostile == null) ? this.route.example() : this.route.pattern();
			Matcher matcher = VARIABLE.matcher(example);
			StringBuilder url = new StringBuilder();
			while (matcher.find()) {
				String name = matcher.group(1);
				String value;
				if (name.equals(variable)) {
					value = URLEncoder.encode(hostile, StandardCharsets.UTF_8).replace("+", "%20");
				}
				else if (hostile != null) {
					// the other variables as the matrix fills them in its example URL
					value = fixtureFor(name);
				}
				else {
					value = fixture(name);
				}
				matcher.appendReplacement(url, Matcher.quoteReplacement(value));
			}
			return matcher.appendTail(url).toString();
		}

		private String fixtureFor(String patternVariable) {
			Matcher example = VARIABLE.matcher(this.route.example());
			Matcher pattern = VARIABLE.matcher(this.route.pattern());
			while (example.find() && pattern.find()) {
				if (pattern.group(1).equals(patternVariable)) {
					return fixture(example.group(1));
				}
			}
			return fixture(patternVariable);
		}

		private String fixture(String name) {
			return this.resolved.computeIfAbsent(name, key -> {
				Supplier<String> fixture = this.fixtures.get(key);
				return (fixture != null) ? fixture.get() : key;
			});
		}

		private String baseline() {
			String baseline = BASELINES.get(this.route.name());
			return (baseline != null) ? baseline : this.route.body();
		}

		private String resolve(String text) {
			Matcher matcher = VARIABLE.matcher(text);
			StringBuilder out = new StringBuilder();
			while (matcher.find()) {
				String value = matcher.group(1).equals("unique") ? UUID.randomUUID().toString().substring(0, 8)
						: fixture(matcher.group(1));
				matcher.appendReplacement(out, Matcher.quoteReplacement(value));
			}
			return matcher.appendTail(out).toString();
		}

		private Map<String, String> formFields(String baseline) {
			Map<String, String> form = new LinkedHashMap<>();
			if (baseline.isEmpty()) {
				return form;
			}
			for (String pair : resolve(baseline).split("&")) {
				int equals = pair.indexOf('=');
				String name = java.net.URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals),
						StandardCharsets.UTF_8);
				String value = (equals < 0) ? ""
						: java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				form.put(name, value);
			}
			return form;
		}

	}

	private void fail(String where, String what) {
		if (this.failures.size() < 200) {
			this.failures.add(where + ": " + what);
		}
	}

	private static String excerpt(String body) {
		String flat = body.replaceAll("\\s+", " ");
		return (flat.length() > 300) ? flat.substring(0, 300) + "…" : flat;
	}

	private static boolean gainsRows(Answer answer) {
		return answer.rowsAfter()
			.entrySet()
			.stream()
			.anyMatch(table -> table.getValue() > answer.rowsBefore().getOrDefault(table.getKey(), 0L));
	}

	private static String changes(Map<String, Long> before, Map<String, Long> after) {
		return after.entrySet()
			.stream()
			.filter(table -> !Objects.equals(before.get(table.getKey()), table.getValue()))
			.map(table -> table.getKey() + " " + before.get(table.getKey()) + "→" + table.getValue())
			.collect(Collectors.joining(", "));
	}

	/** The inputs of a handler method, read from its parameters. */
	private static final class Fields {

		final Set<String> names = new LinkedHashSet<>();

		final Set<String> files = new LinkedHashSet<>();

		final Set<String> headers = new LinkedHashSet<>();

		boolean json;

		boolean pathVariables;

		boolean hasInput() {
			return !this.names.isEmpty() || this.json || this.pathVariables;
		}

		static Fields of(HandlerMethod handler) {
			Fields fields = new Fields();
			for (MethodParameter parameter : handler.getMethodParameters()) {
				parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
				Class<?> type = parameter.getParameterType();
				if (parameter.hasParameterAnnotation(PathVariable.class)) {
					fields.pathVariables = true;
				}
				else if (parameter.hasParameterAnnotation(RequestBody.class)) {
					fields.json = true;
					if (type.isRecord()) {
						fields.jsonFields(type, "");
					}
				}
				else if (parameter.hasParameterAnnotation(RequestHeader.class)) {
					RequestHeader header = Objects
						.requireNonNull(parameter.getParameterAnnotation(RequestHeader.class));
					fields.headers.add(header.name().isEmpty() ? header.value() : header.name());
				}
				else if (parameter.hasParameterAnnotation(RequestParam.class)) {
					RequestParam param = Objects.requireNonNull(parameter.getParameterAnnotation(RequestParam.class));
					if (Map.class.isAssignableFrom(type)) {
						continue;
					}
					String name = !param.name().isEmpty() ? param.name()
							: !param.value().isEmpty() ? param.value() : parameter.getParameterName();
					(MultipartFile.class.isAssignableFrom(type) ? fields.files : fields.names).add(name);
				}
				else if (type.isRecord() && !parameter.hasParameterAnnotation(AuthenticationPrincipal.class)
						|| parameter.hasParameterAnnotation(ModelAttribute.class)) {
					fields.formFields(type, "");
				}
			}
			return fields;
		}

		private void formFields(Class<?> type, String prefix) {
			if (!type.isRecord()) {
				return;
			}
			for (RecordComponent component : type.getRecordComponents()) {
				String name = prefix + component.getName();
				Class<?> componentType = component.getType();
				if (MultipartFile.class.isAssignableFrom(componentType)) {
					this.files.add(name);
				}
				else if (Collection.class.isAssignableFrom(componentType)) {
					Class<?> element = elementType(component.getGenericType());
					if (element != null && element.isRecord()) {
						formFields(element, name + "[0].");
					}
					else {
						this.names.add(name);
					}
				}
				else if (componentType.isRecord()) {
					formFields(componentType, name + ".");
				}
				else if (BeanUtils.isSimpleValueType(componentType)) {
					this.names.add(name);
				}
			}
		}

		private void jsonFields(Class<?> type, String prefix) {
			for (RecordComponent component : type.getRecordComponents()) {
				String name = prefix + component.getName();
				Class<?> componentType = component.getType();
				this.names.add(name);
				if (componentType.isRecord()) {
					jsonFields(componentType, name + ".");
				}
				else if (Collection.class.isAssignableFrom(componentType)) {
					Class<?> element = elementType(component.getGenericType());
					if (element != null && element.isRecord()) {
						jsonFields(element, name + "[0].");
					}
				}
			}
		}

		private static Class<?> elementType(Type generic) {
			if (generic instanceof ParameterizedType parameterized
					&& parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
				return element;
			}
			return null;
		}

	}

	/** One answer, with the row counts just before and after the request. */
	private record Answer(int status, String contentType, String location, String body, boolean fromApplication,
			Map<String, Long> rowsBefore, Map<String, Long> rowsAfter) {
	}

	/** A person with a session of their own, sending what a browser or a script sends. */
	private final class Visitor {

		private final HttpClient client;

		private String csrf;

		Visitor(String email) throws Exception {
			this.client = HttpClient.newBuilder()
				.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			refreshToken("/login");
			if (email != null) {
				send(HttpRequest.newBuilder(uri("/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(email) + "&password="
							+ encode(TestAccounts.PASSWORD) + "&_csrf=" + encode(this.csrf))));
				// Signing in issues a new CSRF token.
				refreshToken("/account");
			}
		}

		String page(String path) throws Exception {
			return send(HttpRequest.newBuilder(uri(path)).GET()).body();
		}

		private void refreshToken(String page) throws Exception {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri(page)).GET());
			Matcher token = CSRF_META.matcher(response.body());
			assertThat(token.find()).as("a CSRF token on " + page).isTrue();
			this.csrf = token.group(1);
		}

		Answer form(String method, String url, Map<String, String> fields) throws Exception {
			String body = fields.entrySet()
				.stream()
				.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&"));
			return form(url, body, method);
		}

		void form(String url, String body) throws Exception {
			form(url, body, "POST");
		}

		private Answer form(String url, String body, String method) throws Exception {
			String withToken = (body.isEmpty() ? "" : body + "&") + "_csrf=" + encode(this.csrf);
			return answer(HttpRequest.newBuilder(uri(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.method(method, HttpRequest.BodyPublishers.ofString(withToken)));
		}

		Answer json(String method, String url, String body, String header, String headerValue) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri(url))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.header("X-CSRF-TOKEN", this.csrf);
			if (header != null) {
				request.header(header, headerValue);
			}
			return answer(request.method(method, HttpRequest.BodyPublishers.ofString(body)));
		}

		Answer multipart(String url, Map<String, String> fields, String field, String fileName, byte[] content)
				throws Exception {
			String boundary = "----HostileBoundary" + UUID.randomUUID();
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			Map<String, String> all = new LinkedHashMap<>(fields);
			all.put("_csrf", this.csrf);
			all.forEach(
					(name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
							+ name + "\"\r\n\r\n" + value + "\r\n")
						.getBytes(StandardCharsets.UTF_8)));
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
					+ fileName + "\"\r\nContent-Type: image/png\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(content);
			body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return answer(HttpRequest.newBuilder(uri(url))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
		}

		private Answer answer(HttpRequest.Builder request) throws Exception {
			settle();
			Map<String, Long> before = rowCounts();
			HttpResponse<String> response;
			try {
				response = send(request.timeout(Duration.ofSeconds(30)));
			}
			catch (IOException ex) {
				// The server hung up (e.g. on a body it will not read): nothing was
				// accepted.
				return new Answer(400, "", "", "", false, before, rowCounts());
			}
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(""),
					Objects.requireNonNullElse(response.body(), ""),
					response.headers().firstValue("Content-Security-Policy").isPresent(), before, rowCounts());
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + HostileInputIntegrationTests.this.port + path);
		}

	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Puts a corpus value into a JSON body at a field path such as {@code items[0].sku}.
	 */
	private static final class JsonBodies {

		private static final tools.jackson.databind.json.JsonMapper MAPPER = tools.jackson.databind.json.JsonMapper
			.builder()
			.build();

		private static final String RAW = "\u0001raw\u0001";

		static String with(String baseline, String path, Entry value) {
			tools.jackson.databind.JsonNode root = MAPPER.readTree(baseline);
			if (!root.isObject()) {
				return baseline;
			}
			tools.jackson.databind.node.ObjectNode node = (tools.jackson.databind.node.ObjectNode) root;
			String[] steps = path.split("\\.");
			for (int i = 0; i < steps.length - 1; i++) {
				node = child(node, steps[i]);
			}
			String last = steps[steps.length - 1];
			boolean raw = value.kind() == Kind.JSON;
			node.put(last, raw ? RAW : value.value());
			String json = MAPPER.writeValueAsString(root);
			return raw ? json.replace("\"" + RAW.replace("\u0001", "\\u0001") + "\"", value.value()) : json;
		}

		private static tools.jackson.databind.node.ObjectNode child(tools.jackson.databind.node.ObjectNode node,
				String step) {
			if (step.endsWith("[0]")) {
				String name = step.substring(0, step.length() - 3);
				tools.jackson.databind.JsonNode array = node.get(name);
				if (array == null || !array.isArray() || array.isEmpty() || !array.get(0).isObject()) {
					tools.jackson.databind.node.ArrayNode created = node.putArray(name);
					return created.addObject();
				}
				return (tools.jackson.databind.node.ObjectNode) array.get(0);
			}
			tools.jackson.databind.JsonNode child = node.get(step);
			if (child == null || !child.isObject()) {
				return node.putObject(step);
			}
			return (tools.jackson.databind.node.ObjectNode) child;
		}

	}

	/**
	 * Waits (briefly) until the events of earlier requests are handled, so what their
	 * listeners write is not taken for the next request's doing.
	 */
	private void settle() {
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(3))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(25))
				.until(() -> this.jdbc.queryForObject(
						"select count(*) from event_publication "
								+ "where completion_date is null and publication_date > ?",
						Long.class, java.sql.Timestamp.from(this.started)) == 0);
		}
		catch (ConditionTimeoutException ex) {
			this.unsettled++;
		}
	}

	private Map<String, Long> rowCounts() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.query(this.countAllRows, (rs) -> {
			counts.put(rs.getString(1), rs.getLong(2));
		});
		return counts;
	}

	private String countAllRowsQuery() {
		List<String> tables = this.jdbc
			.queryForList("select table_name from information_schema.tables where table_schema = current_schema() "
					+ "and table_type = 'BASE TABLE' order by table_name", String.class);
		return tables.stream()
			.filter(table -> !NOT_COMPARED.contains(table) && !table.startsWith("analytics_"))
			.map(table -> "select '" + table + "', count(*) from \"" + table + "\"")
			.collect(Collectors.joining(" union all "));
	}

	/** The same kinds of objects the authorisation matrix fills its routes with. */
	private Map<String, Supplier<String>> fixtures() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create("hostile-" + suffix,
				new CommunityDetails("Hostile " + suffix, "Probing", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("hostile-sku-" + suffix,
				new SkuDetails("Slipmat", Money.of(1900, "EUR"), null, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String live = "hostile-live-" + suffix;
		this.drops.createDraft(live,
				new DropPlan("Live " + suffix, community.id(), AccessMode.FIRST_COME,
						new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofMinutes(1)),
								now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), 5000, 5000))));
		this.drops.schedule(live, new DropManagement.Scheduler(null, false), null);
		String draft = "hostile-draft-" + suffix;
		this.drops
			.createDraft(draft,
					new DropPlan("Draft " + suffix, community.id(), AccessMode.FIRST_COME,
							new Timeline(now.plus(Duration.ofDays(20)), null, now.plus(Duration.ofDays(21)),
									now.plus(Duration.ofDays(22))),
							10, null, List.of(new NewDropItem(sku.id(), 5, 1))));
		var fan = this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().id();
		Supplier<String> reservation = () -> this.checkout.reserve(new ReserveRequest(live, sku.slug(), 1, fan, null))
			.id()
			.toString();
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, new OpeningWindow(LocalTime.MIN, LocalTime.of(23, 59)));
		}
		var hub = this.hubs.create(new HubDetails("hostile-hub-" + suffix, "Hostile hub " + suffix, "1 Counter Street",
				"UTC", null, null, 50, 60, null, null, LocalTime.of(23, 59), true, hours));
		String preorderDrop = "hostile-preorder-" + suffix;
		var preorderSku = this.catalog.create("hostile-preorder-sku-" + suffix,
				new SkuDetails("Test pressing", Money.of(2400, "EUR"), null, null, null));
		this.drops.createDraft(preorderDrop,
				new DropPlan("Pre-order " + suffix, community.id(), AccessMode.FIRST_COME,
						new Timeline(now.minus(Duration.ofDays(1)), null, now.plus(Duration.ofDays(2)),
								now.plus(Duration.ofDays(7))),
						10, 50, now.plus(Duration.ofDays(1)), List.of(new NewDropItem(preorderSku.id(), 100, 10))));
		this.drops.schedule(preorderDrop, new DropManagement.Scheduler(null, false), null);
		Map<String, Supplier<String>> fixtures = new HashMap<>();
		fixtures.put("drop", () -> live);
		fixtures.put("draft", () -> draft);
		fixtures.put("sku", sku::slug);
		fixtures.put("community", community::slug);
		fixtures.put("reservation", reservation);
		fixtures.put("order",
				() -> this.orders
					.placeOrder(new PlaceOrder(UUID.fromString(reservation.get()), fan, "4242424242424242",
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
		fixtures.put("item", () -> UUID.randomUUID().toString());
		return fixtures;
	}

}
