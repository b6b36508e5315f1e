package io.microdrops.media;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import io.microdrops.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImageUploadsTests {

	@TempDir
	Path root;

	LocalDiskMediaStorage storage;

	ImageUploads uploads;

	@BeforeEach
	void uploads() {
		this.storage = new LocalDiskMediaStorage(this.root);
		this.uploads = new ImageUploads(this.storage, 5 * 1024 * 1024, 8000);
	}

	@Test
	void acceptsARealPngAndRecordsItsFormatAndSize() {
		byte[] png = TestImages.image("png", 120, 80, 1);

		StoredImage stored = this.uploads.store(png);

		assertThat(stored.format()).isEqualTo(ImageFormat.PNG);
		assertThat(stored.width()).isEqualTo(120);
		assertThat(stored.height()).isEqualTo(80);
		assertThat(stored.id().value()).isEqualTo(LocalDiskMediaStorage.sha256(png));
		assertThat(this.storage.exists(stored.id())).isTrue();
	}

	@Test
	void acceptsARealJpegAndGif() {
		assertThat(this.uploads.store(TestImages.image("jpeg", 30, 20, 2)).format()).isEqualTo(ImageFormat.JPEG);
		assertThat(this.uploads.store(TestImages.image("gif", 30, 20, 3)).format()).isEqualTo(ImageFormat.GIF);
	}

	@Test
	void keepsOneFileWhenTheSameImageIsStoredTwice() throws Exception {
		byte[] png = TestImages.png(4);

		StoredImage first = this.uploads.store(png);
		StoredImage second = this.uploads.store(png.clone());

		assertThat(second.id()).isEqualTo(first.id());
		assertThat(storedFiles()).isEqualTo(1);
	}

	@Test
	void refusesATextFileWhateverItIsCalled() throws Exception {
		byte[] text = "just some notes, saved as notes.png".getBytes(StandardCharsets.UTF_8);

		assertRefused(text, "media.image.not-an-image");
	}

	@Test
	void refusesAFileThatOnlyStartsLikeAnImage() throws Exception {
		byte[] png = TestImages.png(5);
		byte[] polyglot = Arrays.copyOf(png, 40);
		byte[] script = "<script>alert(1)</script><html><body onload=alert(2)>".getBytes(StandardCharsets.UTF_8);
		byte[] joined = Arrays.copyOf(polyglot, polyglot.length + script.length);
		System.arraycopy(script, 0, joined, polyglot.length, script.length);

		assertRefused(joined, "media.image.unreadable");
		assertRefused("GIF89a/*<script>alert(1)</script>*/".getBytes(StandardCharsets.US_ASCII),
				"media.image.unreadable");
	}

	@Test
	void refusesAnImageOverTheSizeLimit() throws Exception {
		ImageUploads small = new ImageUploads(this.storage, 100, 8000);

		assertThatExceptionOfType(ImageRefusedException.class).isThrownBy(() -> small.store(TestImages.png(6)))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("media.image.too-large"));
		assertThat(storedFiles()).isZero();
	}

	@Test
	void refusesAnImageWiderThanTheLimitBeforeDecodingIt() throws Exception {
		ImageUploads strict = new ImageUploads(this.storage, 5 * 1024 * 1024, 100);

		assertThatExceptionOfType(ImageRefusedException.class)
			.isThrownBy(() -> strict.store(TestImages.image("png", 101, 10, 7)))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("media.image.too-many-pixels"));
		assertThat(storedFiles()).isZero();
	}

	@Test
	void refusesWebpWithItsOwnMessageAndEmptyUploads() throws Exception {
		byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);

		assertRefused(webp, "media.image.webp-unsupported");
		assertRefused(new byte[0], "media.image.empty");
	}

	@Test
	void servesStoredBytesWithTheTypeReadFromTheirContent() throws Exception {
		byte[] jpeg = TestImages.image("jpeg", 10, 10, 8);
		StoredImage stored = this.uploads.store(jpeg);

		MediaContent content = this.storage.open(stored.id()).orElseThrow();

		assertThat(content.contentType()).isEqualTo("image/jpeg");
		assertThat(content.length()).isEqualTo(jpeg.length);
		try (var in = content.content().getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(jpeg);
		}
		assertThat(this.storage.open(new MediaId("0".repeat(64)))).isEmpty();
	}

	@Test
	void acceptsOnlyHashesAsKeys() {
		assertThat(MediaId.parse("../../etc/passwd")).isEmpty();
		assertThat(MediaId.parse("A".repeat(64))).isEmpty();
		assertThat(MediaId.parse("a".repeat(63))).isEmpty();
		assertThat(MediaId.parse("a".repeat(64))).isPresent();
	}

	private void assertRefused(byte[] bytes, String messageKey) throws Exception {
		assertThatExceptionOfType(ImageRefusedException.class).isThrownBy(() -> this.uploads.store(bytes))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo(messageKey));
		assertThat(storedFiles()).isZero();
	}

	private long storedFiles() throws Exception {
		try (Stream<Path> files = Files.walk(this.root)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

}
