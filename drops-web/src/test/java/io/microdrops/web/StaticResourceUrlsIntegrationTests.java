package io.microdrops.web;

import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StaticResourceUrlsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void linksStaticFilesByVersionAndLeavesPageLinksAsTheyAre() {
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);

		Page login = browser.get("/login");

		assertThat(login.body()).containsPattern("href=\"/css/drops-[0-9a-f]{32}\\.css\"")
			.containsPattern("src=\"/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js\"")
			.contains("href=\"/signup\"");
		String css = login.body().replaceAll("(?s).*href=\"(/css/drops-[0-9a-f]{32}\\.css)\".*", "$1");
		assertThat(browser.get(css).status()).isEqualTo(200);
	}

}
