package io.microdrops.storefront.media;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.microdrops.catalog.StoryImage;
import io.microdrops.media.ImageFormat;
import io.microdrops.media.ImageVariant;
import io.microdrops.media.ImageVariants;
import io.microdrops.media.MediaId;

import org.springframework.stereotype.Component;

/**
 * Turns a story image into what an {@code <img>} and its {@code <picture>} need: the
 * resized copies as {@code srcset} lists (WebP for browsers that take it, JPEG or PNG for
 * the rest), a sensible {@code src}, and the image's own size for {@code width} and
 * {@code height}, so the browser reserves the space before the bytes arrive. Pages call
 * it as {@code @responsiveImages}.
 */
@Component("responsiveImages")
public class ResponsiveImages {

	/** The copy used as plain {@code src}: big enough for most screens. */
	private static final int DEFAULT_WIDTH = 640;

	/** Link unfurlers want a large picture, about 1200 pixels wide. */
	private static final int CARD_WIDTH = 1280;

	private final ImageVariants variants;

	ResponsiveImages(ImageVariants variants) {
		this.variants = variants;
	}

	/**
	 * Describes one story image for a page.
	 * @param image the image
	 * @return its picture
	 */
	public Picture of(StoryImage image) {
		String original = path(image.key());
		List<ImageVariant> copies = MediaId.parse(image.key()).map(this.variants::of).orElse(List.of());
		List<ImageVariant> fallback = copies.stream().filter(copy -> copy.format() != ImageFormat.WEBP).toList();
		List<ImageVariant> webp = copies.stream().filter(copy -> copy.format() == ImageFormat.WEBP).toList();
		if (fallback.isEmpty()) {
			return new Picture(original, null, null, null, image.width(), image.height(), image.altText());
		}
		String src = closest(fallback, DEFAULT_WIDTH).map(copy -> path(copy.id().value())).orElse(original);
		return new Picture(src, srcset(fallback), webp.isEmpty() ? null : srcset(webp),
				fallback.get(0).format().contentType(), image.width(), image.height(), image.altText());
	}

	/**
	 * Picks the copy of an image that link unfurlers should show: JPEG or PNG (not every
	 * unfurler reads WebP), about 1200 pixels wide.
	 * @param image the image
	 * @return the copy, or empty when the image has none
	 */
	public Optional<ImageVariant> cardCopy(StoryImage image) {
		return MediaId.parse(image.key())
			.map(this.variants::of)
			.flatMap(copies -> closest(copies.stream().filter(copy -> copy.format() != ImageFormat.WEBP).toList(),
					CARD_WIDTH));
	}

	/**
	 * Returns the path a medium is served at.
	 * @param key the medium's key
	 * @return {@code /media/{key}}
	 */
	public static String path(String key) {
		return "/media/" + key;
	}

	// The widest copy not wider than wanted, or else the narrowest one.
	private static Optional<ImageVariant> closest(List<ImageVariant> copies, int wanted) {
		Optional<ImageVariant> fits = copies.stream()
			.filter(copy -> copy.width() <= wanted)
			.reduce((first, second) -> second);
		return fits.isPresent() ? fits : copies.stream().findFirst();
	}

	private static String srcset(List<ImageVariant> copies) {
		return copies.stream()
			.map(copy -> path(copy.id().value()) + " " + copy.width() + "w")
			.collect(Collectors.joining(", "));
	}

	/**
	 * What one image tag needs.
	 *
	 * @param src the address for browsers that ignore {@code srcset}
	 * @param srcset the JPEG or PNG copies with their widths, or {@code null} when there
	 * are no copies
	 * @param webpSrcset the WebP copies with their widths, or {@code null}
	 * @param type the MIME type of {@code srcset}'s copies, or {@code null}
	 * @param width the image's width, for the {@code width} attribute
	 * @param height the image's height, for the {@code height} attribute
	 * @param alt the alternative text
	 */
	public record Picture(String src, String srcset, String webpSrcset, String type, int width, int height,
			String alt) {
	}

}
