package io.microdrops.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.imageio.ImageIO;

import io.microdrops.testsupport.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class ImageVariantsIntegrationTests {

	@Autowired
	ImageUploads uploads;

	@Autowired
	ImageVariants variants;

	@Autowired
	MediaStorage storage;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void makesEachWidthInWebpAndJpegOnceAtUpload() throws IOException {
		StoredImage stored = this.uploads.store(TestImages.image("jpeg", 1600, 1000, 41));

		List<ImageVariant> copies = this.variants.of(stored.id());

		assertThat(this.variants.encodesWebp()).isTrue();
		assertThat(copies).extracting(ImageVariant::width).containsExactly(320, 320, 640, 640, 1280, 1280);
		assertThat(copies).extracting(ImageVariant::format)
			.containsExactly(ImageFormat.JPEG, ImageFormat.WEBP, ImageFormat.JPEG, ImageFormat.WEBP, ImageFormat.JPEG,
					ImageFormat.WEBP);
		for (ImageVariant copy : copies) {
			assertThat(copy.height()).isEqualTo(copy.width() * 1000 / 1600);
			MediaContent content = this.storage.open(copy.id()).orElseThrow();
			assertThat(content.contentType()).isEqualTo(copy.format().contentType());
			assertThat(content.length()).isEqualTo(copy.bytes());
			if (copy.format() == ImageFormat.JPEG) {
				BufferedImage decoded = decode(content);
				assertThat(decoded.getWidth()).isEqualTo(copy.width());
				assertThat(decoded.getHeight()).isEqualTo(copy.height());
			}
		}
		ImageVariant widestJpeg = copies.get(4);
		ImageVariant widestWebp = copies.get(5);
		assertThat(widestWebp.bytes()).isLessThan(widestJpeg.bytes());
		assertThat(rows(stored.id())).isEqualTo(6);

		// The same upload again, and pages asking: nothing new is made.
		this.uploads.store(TestImages.image("jpeg", 1600, 1000, 41));
		assertThat(this.variants.of(stored.id())).isEqualTo(copies);
		assertThat(rows(stored.id())).isEqualTo(6);
	}

	@Test
	void neverMakesACopyWiderThanTheOriginalAndKeepsTransparencyInPng() throws IOException {
		BufferedImage transparent = new BufferedImage(500, 250, BufferedImage.TYPE_INT_ARGB);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(transparent, "png", png);
		StoredImage stored = this.uploads.store(png.toByteArray());

		List<ImageVariant> copies = this.variants.of(stored.id());

		assertThat(copies).extracting(ImageVariant::width).containsExactly(320, 320, 500, 500);
		assertThat(copies).extracting(ImageVariant::format)
			.containsExactly(ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.PNG, ImageFormat.WEBP);
		assertThat(copies.get(0).height()).isEqualTo(160);
	}

	@Test
	void givesAnImageStoredBeforeCopiesExistedItsCopiesTheFirstTimeOnly() {
		// Stored straight into the store, as images were before copies were made.
		MediaId old = this.storage.store(TestImages.image("png", 700, 350, 42));
		assertThat(rows(old)).isZero();

		List<ImageVariant> first = this.variants.of(old);

		assertThat(first).extracting(ImageVariant::width).containsExactly(320, 320, 640, 640, 700, 700);
		assertThat(rows(old)).isEqualTo(6);
		assertThat(this.variants.of(old)).isEqualTo(first);
		assertThat(rows(old)).isEqualTo(6);
	}

	@Test
	void answersNothingForMissingKeysAndBytesThatAreNoImage() {
		MediaId text = this.storage.store("not an image".getBytes(StandardCharsets.UTF_8));

		assertThat(this.variants.of(text)).isEmpty();
		assertThat(this.variants.of(new MediaId("0".repeat(64)))).isEmpty();
		assertThat(rows(text)).isZero();
	}

	private int rows(MediaId original) {
		return this.jdbc.queryForObject("select count(*) from media_variants where original_key = ?", Integer.class,
				original.value());
	}

	private static BufferedImage decode(MediaContent content) throws IOException {
		try (InputStream in = content.content().getInputStream()) {
			return ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
		}
	}

}
