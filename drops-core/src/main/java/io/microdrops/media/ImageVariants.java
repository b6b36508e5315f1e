package io.microdrops.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The resized copies of uploaded images that pages offer in {@code srcset}: a few widths
 * (320, 640 and 1280 by default, never wider than the original), each in WebP where this
 * platform can encode it and in JPEG (or PNG for images with transparency) for every
 * browser and link unfurler. Copies are made once per image, at upload, and recorded;
 * images stored before this existed get theirs the first time a page asks, once. Two
 * nodes making the same copies at the same moment store the same bytes under the same
 * keys, so that does no harm.
 */
@Service
public class ImageVariants {

	private static final Logger log = LoggerFactory.getLogger(ImageVariants.class);

	// Copies never change once made, so what the table says may be kept in memory.
	private static final int CACHED_IMAGES = 2_000;

	private final MediaStorage storage;

	private final JdbcClient jdbc;

	private final VariantEncoder encoder;

	private final Clock clock;

	private final Map<MediaId, List<ImageVariant>> cache = Collections
		.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<MediaId, List<ImageVariant>> eldest) {
				return size() > CACHED_IMAGES;
			}

		});

	ImageVariants(MediaStorage storage, JdbcClient jdbc, Clock clock,
			@Value("${drops.media.variant-widths:320,640,1280}") int[] widths,
			@Value("${drops.media.webp:true}") boolean webp) {
		this.storage = storage;
		this.jdbc = jdbc;
		this.clock = clock;
		this.encoder = new VariantEncoder(widths, webp);
	}

	/**
	 * Tells whether copies are made in WebP too.
	 * @return {@code true} when this platform encodes WebP and it is not switched off
	 */
	public boolean encodesWebp() {
		return this.encoder.webp();
	}

	/**
	 * Returns an image's copies, making them first if the image has none yet.
	 * @param original the uploaded image
	 * @return its copies, narrowest first; empty when nothing is stored under the key or
	 * the stored bytes are not an image Drops can read
	 */
	public List<ImageVariant> of(MediaId original) {
		List<ImageVariant> known = this.cache.get(original);
		if (known != null) {
			return known;
		}
		List<ImageVariant> variants = recorded(original);
		if (variants.isEmpty()) {
			variants = make(original);
		}
		if (!variants.isEmpty()) {
			this.cache.put(original, variants);
		}
		return variants;
	}

	/**
	 * Makes and records an image's copies unless it has them already.
	 * @param original the uploaded image
	 * @param bytes its bytes
	 * @return its copies, narrowest first
	 */
	List<ImageVariant> makeFor(MediaId original, byte[] bytes) {
		List<ImageVariant> variants = recorded(original);
		if (!variants.isEmpty()) {
			return variants;
		}
		return storeAndRecord(original, bytes);
	}

	private List<ImageVariant> make(MediaId original) {
		Optional<MediaContent> content = this.storage.open(original);
		if (content.isEmpty()) {
			return List.of();
		}
		byte[] bytes;
		try (InputStream in = content.get().content().getInputStream()) {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			return storeAndRecord(original, bytes);
		}
		catch (IllegalArgumentException ex) {
			log.warn("Media {} is not an image that can be resized: {}", original, ex.getMessage());
			return List.of();
		}
	}

	private List<ImageVariant> storeAndRecord(MediaId original, byte[] bytes) {
		List<ImageVariant> variants = new ArrayList<>();
		for (VariantEncoder.Encoded encoded : this.encoder.encode(new ByteArrayInputStream(bytes))) {
			MediaId id = this.storage.store(encoded.bytes());
			variants
				.add(new ImageVariant(id, encoded.format(), encoded.width(), encoded.height(), encoded.bytes().length));
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		for (ImageVariant variant : variants) {
			this.jdbc
				.sql("insert into media_variants (original_key, format, width, height, variant_key, bytes, created_at) "
						+ "values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
				.params(original.value(), variant.format().name(), variant.width(), variant.height(),
						variant.id().value(), variant.bytes(), now)
				.update();
		}
		variants.sort(ORDER);
		return List.copyOf(variants);
	}

	private List<ImageVariant> recorded(MediaId original) {
		List<ImageVariant> variants = new ArrayList<>(this.jdbc
			.sql("select format, width, height, variant_key, bytes from media_variants where original_key = ?")
			.param(original.value())
			.query((rs, row) -> new ImageVariant(new MediaId(rs.getString("variant_key")),
					ImageFormat.valueOf(rs.getString("format")), rs.getInt("width"), rs.getInt("height"),
					rs.getInt("bytes")))
			.list());
		variants.sort(ORDER);
		return List.copyOf(variants);
	}

	private static final Comparator<ImageVariant> ORDER = Comparator.comparingInt(ImageVariant::width)
		.thenComparing(ImageVariant::format);

	@Override
	public String toString() {
		return "ImageVariants" + Arrays.toString(this.encoder.widths()) + (this.encoder.webp() ? " webp" : "");
	}

}
