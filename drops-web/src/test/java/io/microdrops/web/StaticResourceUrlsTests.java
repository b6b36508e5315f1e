package io.microdrops.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaticResourceUrlsTests {

	@Test
	void asksAboutLinksThatNameAFileOnly() {
		assertThat(StaticResourceUrls.namesAFile("/css/drops.css")).isTrue();
		assertThat(StaticResourceUrls.namesAFile("/webjars/htmx.org/dist/htmx.min.js")).isTrue();
		assertThat(StaticResourceUrls.namesAFile("/favicon.svg?v=2#top")).isTrue();
		assertThat(StaticResourceUrls.namesAFile("/drops/brass-keycaps")).isFalse();
		assertThat(StaticResourceUrls.namesAFile("/drops/brass-keycaps/stock?seen=LIVE-3")).isFalse();
		assertThat(StaticResourceUrls.namesAFile("/v1.2/drops")).isFalse();
		assertThat(StaticResourceUrls.namesAFile("/.well-known")).isFalse();
		assertThat(StaticResourceUrls.namesAFile("/")).isFalse();
		assertThat(StaticResourceUrls.namesAFile("")).isFalse();
	}

}
