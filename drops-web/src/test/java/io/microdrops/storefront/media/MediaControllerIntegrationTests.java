package io.microdrops.storefront.media;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.microdrops.media.ImageUploads;
import io.microdrops.media.StoredImage;
import io.microdrops.testsupport.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serving media over real HTTP, as browsers and caches see it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MediaControllerIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ImageUploads uploads;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void servesAStoredImageToAnybodyWithItsTypeAndLongLivedCaching() throws Exception {
		byte[] png = TestImages.image("png", 40, 30, 51);
		StoredImage stored = this.uploads.store(png);

		HttpResponse<byte[]> response = get("/media/" + stored.id().value(), null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(png);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.headers().allValues("Cache-Control"))
			.containsExactly("max-age=31536000, public, immutable");
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + stored.id().value() + "\"");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void answersARevalidationWithNotModified() throws Exception {
		StoredImage stored = this.uploads.store(TestImages.image("jpeg", 20, 20, 52));

		HttpResponse<byte[]> response = get("/media/" + stored.id().value(), "\"" + stored.id().value() + "\"");

		assertThat(response.statusCode()).isEqualTo(304);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void answersUnknownAndMalformedKeysWithNotFoundAndNeverReadsAPath() throws Exception {
		assertThat(get("/media/" + "0".repeat(64), null).statusCode()).isEqualTo(404);
		assertThat(get("/media/not-a-hash", null).statusCode()).isEqualTo(404);
		assertThat(get("/media/" + "A".repeat(64), null).statusCode()).isEqualTo(404);
		assertThat(get("/media/..%2F..%2Fetc%2Fpasswd", null).statusCode()).isIn(400, 404);
		assertThat(get("/media/%2e%2e%2f%2e%2e%2fpom.xml", null).statusCode()).isIn(400, 404);
		assertThat(get("/media/..;/..;/etc/passwd", null).statusCode()).isIn(400, 404);
		HttpResponse<byte[]> traversal = get("/media/../../etc/passwd", null);
		assertThat(new String(traversal.body())).doesNotContain("root:");
	}

	private HttpResponse<byte[]> get(String path, String ifNoneMatch) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
