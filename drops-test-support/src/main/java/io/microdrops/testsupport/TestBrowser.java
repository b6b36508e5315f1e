package io.microdrops.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small scripted browser for tests against a running server: keeps cookies, does not
 * follow redirects on its own (so tests can check them), and sends the CSRF token from
 * the last page's {@code <meta name="_csrf">} with every form it posts, as a real page
 * would.
 */
public final class TestBrowser {

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]*)\"");

	/** What browsers send when they load a page. */
	private static final String ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client;

	private String csrfToken;

	/**
	 * Opens a browser against a server.
	 * @param baseUrl the server's address, for example {@code http://localhost:8080}
	 */
	public TestBrowser(String baseUrl) {
		this.baseUrl = baseUrl;
		this.client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Loads a page.
	 * @param path the path, for example {@code /login}
	 * @return the answer
	 */
	public Page get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", ACCEPT_HTML).GET());
	}

	/**
	 * Posts a form with the CSRF token of the last page loaded.
	 * @param path where the form posts to
	 * @param fields the form's fields
	 * @return the answer
	 */
	public Page post(String path, Map<String, String> fields) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		if (this.csrfToken != null) {
			withToken.putIfAbsent("_csrf", this.csrfToken);
		}
		return postRaw(path, withToken);
	}

	/**
	 * Posts a form exactly as given, with no CSRF token added.
	 * @param path where the form posts to
	 * @param fields the form's fields
	 * @return the answer
	 */
	public Page postRaw(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", ACCEPT_HTML)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a multipart form with one file, the way a browser sends an upload form, with
	 * the CSRF token of the last page loaded as a form field.
	 * @param path where the form posts to, query included
	 * @param fields the form's text fields
	 * @param file the file field
	 * @return the answer
	 */
	public Page postMultipart(String path, Map<String, String> fields, FilePart file) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		if (this.csrfToken != null) {
			withToken.putIfAbsent("_csrf", this.csrfToken);
		}
		return postMultipartRaw(path, withToken, file);
	}

	/**
	 * Posts a multipart form exactly as given, with no CSRF token added.
	 * @param path where the form posts to, query included
	 * @param fields the form's text fields
	 * @param file the file field
	 * @return the answer
	 */
	public Page postMultipartRaw(String path, Map<String, String> fields, FilePart file) {
		String boundary = "----DropsTestBoundary" + Long.toHexString(System.nanoTime());
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field()
				+ "\"; filename=\"" + file.fileName() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file.content());
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", ACCEPT_HTML)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/**
	 * Signs in through the login form.
	 * @param email the account's e-mail address
	 * @param password its password
	 * @return the answer to the form post (a redirect)
	 */
	public Page signIn(String email, String password) {
		get("/login");
		return post("/login", Map.of("username", email, "password", password));
	}

	/**
	 * Loads the page a redirect points to.
	 * @param redirect an answer with a {@code Location} header
	 * @return the page it leads to
	 */
	public Page follow(Page redirect) {
		String location = redirect.location().orElseThrow(() -> new IllegalStateException("Not a redirect"));
		if (!location.startsWith("http")) {
			return get(location);
		}
		URI uri = URI.create(location);
		return get(uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""));
	}

	/**
	 * Returns a cookie's value.
	 * @param name the cookie's name
	 * @return its value, empty when the browser has no such cookie
	 */
	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	private Page send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			Page page = new Page(response.statusCode(), response.body(), response.headers());
			Matcher token = CSRF_META.matcher(page.body());
			if (token.find()) {
				this.csrfToken = token.group(1);
			}
			return page;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * One answer from the server.
	 *
	 * @param status the HTTP status
	 * @param body the body as text
	 * @param headers the headers
	 */
	public record Page(int status, String body, HttpHeaders headers) {

		/**
		 * Returns where a redirect points.
		 * @return the {@code Location} header, if any
		 */
		public Optional<String> location() {
			return this.headers.firstValue("Location");
		}

	}

	/**
	 * A file in a multipart form.
	 *
	 * @param field the form field's name
	 * @param fileName the file name the browser reports
	 * @param contentType the type the browser claims
	 * @param content the bytes
	 */
	public record FilePart(String field, String fileName, String contentType, byte[] content) {
	}

}
