package io.microdrops.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Turns story text (plain text or a small subset of Markdown) into HTML that is safe to
 * put on a page unescaped. Markdown is rendered with raw HTML escaped and unsafe link
 * targets dropped, and the result is then sanitised against an allow-list: paragraphs,
 * emphasis, links (http, https and mailto only, always {@code rel="nofollow noopener"}),
 * lists, quotes, inline code, line breaks and two heading levels ({@code h3}, {@code h4};
 * Markdown's bigger headings become {@code h3}, smaller ones {@code h4}). Anything else
 * is removed, its text kept. Only this output may be written with {@code th:utext}.
 */
public final class StoryText {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
		.escapeHtml(true)
		.sanitizeUrls(true)
		.softbreak("\n")
		.build();

	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br", "h3", "h4")
		.allowElements((name, attributes) -> "h3", "h1", "h2")
		.allowElements((name, attributes) -> "h4", "h5", "h6")
		.allowElements((name, attributes) -> "em", "i")
		.allowElements((name, attributes) -> "strong", "b")
		.allowUrlProtocols("http", "https", "mailto")
		// A link whose target was unsafe arrives with an empty href; without it the
		// element is dropped and its text kept.
		.allowAttributes("href")
		.matching((element, attribute, value) -> value.isBlank() ? null : value)
		.onElements("a")
		.requireRelsOnLinks("nofollow", "noopener")
		.toFactory();

	/**
	 * Rendered texts by their source: the same text always renders the same, and a drop
	 * page shows the same stories to every visitor, so parsing and sanitising once is
	 * enough.
	 */
	private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

	private static final int RENDERED_MAX = 2_000;

	private StoryText() {
	}

	/**
	 * Renders story text as safe HTML.
	 * @param source plain text or Markdown, may be {@code null}
	 * @return sanitised HTML, empty for no text
	 */
	public static String toSafeHtml(String source) {
		if (source == null || source.isBlank()) {
			return "";
		}
		String cached = RENDERED.get(source);
		if (cached != null) {
			return cached;
		}
		String html = sanitize(RENDERER.render(PARSER.parse(source)));
		if (RENDERED.size() >= RENDERED_MAX) {
			// Crude but bounded: stories change rarely, so a full cache is rare.
			RENDERED.clear();
		}
		RENDERED.put(source, html);
		return html;
	}

	/**
	 * Sanitises HTML against the story allow-list, whatever made it.
	 * @param html any HTML
	 * @return sanitised HTML
	 */
	public static String sanitize(String html) {
		return POLICY.sanitize(html);
	}

	/**
	 * Lists the elements the output may contain, for documentation and tests.
	 * @return element names
	 */
	public static List<String> allowedElements() {
		return List.of("p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br", "h3", "h4");
	}

}
