package io.microdrops.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses Tomcat refuses before any filter runs: the JSON API answers a problem, pages
 * a page of Drops, neither Tomcat's own page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ContainerErrorsIntegrationTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "a%2Fb", "%00x", "x%", "%zz" })
	void answersTheApiAProblem(String slug) throws Exception {
		String[] response = get("/api/v1/drops/" + slug);

		assertThat(response[0]).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response[1]).contains("\"status\":400", "\"title\":\"Invalid request\"",
				"https://microdrops.io/problems/invalid-input");
		assertThat(response[1]).doesNotContain("Tomcat", slug);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a%2Fb", "%00x", "x%" })
	void answersPagesAPageOfDrops(String slug) throws Exception {
		String[] response = get("/drops/" + slug);

		assertThat(response[0]).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html");
		assertThat(response[1]).contains("<h1>Invalid request</h1>", "— Drops</title>", "href=\"/\"")
			.doesNotContain("Tomcat", "HTTP Status", slug);
	}

	/**
	 * Sends the address as it is, byte for byte (an HTTP client would refuse a broken
	 * escape), and returns the answer's head and body.
	 */
	@Test
	void answersHeadersTooLargeAProblemOnTheApi() throws Exception {
		String[] response = get("/api/v1/drops/brass", "X-Large: " + "a".repeat(20_000) + "\r\n");

		assertThat(response[0]).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response[1]).contains("\"title\":\"Invalid request\"", "headers too large");
	}

	private String[] get(String path) throws Exception {
		return get(path, "");
	}

	private String[] get(String path, String headers) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int end = answer.indexOf("\r\n\r\n");
			return new String[] { answer.substring(0, end), answer.substring(end + 4) };
		}
	}

}
