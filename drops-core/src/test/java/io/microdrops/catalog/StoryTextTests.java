package io.microdrops.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoryTextTests {

	@Test
	void rendersTheMarkdownSubsetMerchandisersUse() {
		String html = StoryText.toSafeHtml("""
				## Made by hand

				Each cap is **cast** in *brass*.

				- one
				- two

				> patience

				Use `M3` screws. [Our forum](https://forum.example.com)""");

		assertThat(html).contains("<h3>Made by hand</h3>")
			.contains("<strong>cast</strong>")
			.contains("<em>brass</em>")
			.contains("<ul>")
			.contains("<li>one</li>")
			.contains("<blockquote>")
			.contains("<code>M3</code>")
			.containsPattern(
					"<a href=\"https://forum.example.com\" rel=\"(nofollow noopener|noopener nofollow)\">Our forum</a>");
	}

	@Test
	void neverLetsScriptsHandlersOrJavascriptLinksThrough() {
		String html = StoryText.toSafeHtml("""
				<script>alert('x')</script>

				<img src=x onerror="alert(1)">

				[click](javascript:alert(1)) and <a href="javascript:alert(2)">raw</a>

				<p onclick="alert(3)">para</p>""");

		assertThat(html.toLowerCase()).doesNotContain("<script")
			.doesNotContain("<img")
			.doesNotContain("href=\"javascript")
			.doesNotContain("<p onclick");
		assertThat(html).contains("&lt;script&gt;").contains("<p>click and ");
	}

	@Test
	void keepsPlainTextAsParagraphsAndRendersNothingForNoText() {
		assertThat(StoryText.toSafeHtml("Just words & more.")).isEqualTo("<p>Just words &amp; more.</p>\n");
		assertThat(StoryText.toSafeHtml("  ")).isEmpty();
		assertThat(StoryText.toSafeHtml(null)).isEmpty();
	}

	@Test
	void dropsImagesAndHeadingsOutsideTheAllowList() {
		String html = StoryText.toSafeHtml("# Big\n\n![cat](https://example.com/cat.png)\n\n###### Small");

		assertThat(html).contains("<h3>Big</h3>")
			.contains("<h4>Small</h4>")
			.doesNotContain("<img")
			.doesNotContain("<h1");
	}

}
