package io.microdrops.media;

import java.io.InputStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3-compatible store against a local stand-in speaking S3's REST protocol.
 */
class S3MediaStorageTests {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1,
			2, 3, 4 };

	WireMockServer s3;

	S3MediaStorage storage;

	String key;

	@BeforeEach
	void start() {
		this.s3 = new WireMockServer(wireMockConfig().dynamicPort());
		this.s3.start();
		this.storage = new S3MediaStorage(MediaConfiguration.s3Client("http://localhost:" + this.s3.port(),
				"eu-central-1", "test-access", "test-secret"), "drops-media");
		String hash = LocalDiskMediaStorage.sha256(PNG);
		this.key = "/drops-media/" + hash.substring(0, 2) + "/" + hash;
	}

	@AfterEach
	void stop() {
		this.s3.stop();
	}

	@Test
	void storesNewBytesUnderTheirHashWithTheirContentType() {
		this.s3.stubFor(head(urlEqualTo(this.key)).willReturn(aResponse().withStatus(404)));
		this.s3.stubFor(put(urlEqualTo(this.key)).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));

		MediaId id = this.storage.store(PNG);

		assertThat(this.key).endsWith(id.value());
		this.s3.verify(putRequestedFor(urlEqualTo(this.key)).withHeader("Content-Type", equalTo("image/png"))
			.withHeader("Authorization",
					com.github.tomakehurst.wiremock.client.WireMock.containing("AWS4-HMAC-SHA256")));
		// Over plain HTTP the SDK signs the payload in aws-chunked frames: the bytes
		// travel
		// inside one chunk, and the decoded length is announced in a header.
		var request = this.s3.findAll(putRequestedFor(urlEqualTo(this.key))).getFirst();
		assertThat(request.getHeader("x-amz-decoded-content-length")).isEqualTo(String.valueOf(PNG.length));
		assertThat(new String(request.getBody(), java.nio.charset.StandardCharsets.ISO_8859_1))
			.contains(new String(PNG, java.nio.charset.StandardCharsets.ISO_8859_1));
	}

	@Test
	void writesNothingWhenTheBytesAreThereAlready() {
		this.s3.stubFor(head(urlEqualTo(this.key)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Length", "20")
			.withHeader("Content-Type", "image/png")));

		this.storage.store(PNG);

		assertThat(this.s3.findAll(putRequestedFor(urlEqualTo(this.key)))).isEmpty();
	}

	@Test
	void opensStoredBytesAndAnswersEmptyForUnknownKeys() throws Exception {
		this.s3.stubFor(head(urlEqualTo(this.key)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Length", "20")
			.withHeader("Content-Type", "image/png")));
		this.s3.stubFor(get(urlEqualTo(this.key))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PNG)));
		MediaId id = new MediaId(LocalDiskMediaStorage.sha256(PNG));

		MediaContent content = this.storage.open(id).orElseThrow();
		assertThat(content.contentType()).isEqualTo("image/png");
		assertThat(content.length()).isEqualTo(20);
		try (InputStream in = content.content().getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(PNG);
		}

		MediaId unknown = new MediaId("0".repeat(64));
		this.s3.stubFor(head(urlEqualTo("/drops-media/00/" + "0".repeat(64))).willReturn(aResponse().withStatus(404)));
		assertThat(this.storage.open(unknown)).isEmpty();
		assertThat(this.storage.exists(unknown)).isFalse();
	}

}
