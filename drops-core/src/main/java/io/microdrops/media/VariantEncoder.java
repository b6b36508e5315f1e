package io.microdrops.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import net.coobird.thumbnailator.Thumbnails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resizes one image to a few widths (Thumbnailator, which scales down in steps so small
 * copies stay sharp) and encodes each in WebP, when this platform can, and in JPEG, or
 * PNG when the image has transparency.
 */
final class VariantEncoder {

	private static final Logger log = LoggerFactory.getLogger(VariantEncoder.class);

	private static final float JPEG_QUALITY = 0.82f;

	private static final float WEBP_QUALITY = 0.78f;

	private final int[] widths;

	private final boolean webp;

	VariantEncoder(int[] widths, boolean webpWanted) {
		this.widths = Arrays.stream(widths).filter(width -> width > 0).sorted().distinct().toArray();
		if (this.widths.length == 0) {
			throw new IllegalArgumentException("drops.media.variant-widths needs at least one width");
		}
		this.webp = webpWanted && webpWorks();
	}

	int[] widths() {
		return this.widths.clone();
	}

	boolean webp() {
		return this.webp;
	}

	/**
	 * Encodes the copies of one image.
	 * @param original the image's bytes
	 * @return the copies, narrowest first
	 * @throws IllegalArgumentException when the bytes are not an image ImageIO reads
	 */
	List<Encoded> encode(InputStream original) {
		BufferedImage image = read(original);
		boolean alpha = image.getColorModel().hasAlpha();
		List<Encoded> encoded = new ArrayList<>();
		for (int width : targetWidths(image.getWidth())) {
			BufferedImage resized = resize(image, width);
			if (this.webp) {
				encoded.add(new Encoded(ImageFormat.WEBP, resized.getWidth(), resized.getHeight(), webp(resized)));
			}
			ImageFormat fallback = alpha ? ImageFormat.PNG : ImageFormat.JPEG;
			encoded.add(new Encoded(fallback, resized.getWidth(), resized.getHeight(),
					alpha ? png(resized) : jpeg(resized)));
		}
		return encoded;
	}

	/**
	 * The configured widths below the original's, and the original's own width when it is
	 * narrower than the widest configured one (never wider than the original).
	 */
	private List<Integer> targetWidths(int originalWidth) {
		TreeSet<Integer> targets = new TreeSet<>();
		for (int width : this.widths) {
			if (width < originalWidth) {
				targets.add(width);
			}
		}
		targets.add(Math.min(originalWidth, this.widths[this.widths.length - 1]));
		return List.copyOf(targets);
	}

	private BufferedImage read(InputStream in) {
		try (ImageInputStream input = ImageIO.createImageInputStream(in)) {
			Iterator<ImageReader> readers = (input != null) ? ImageIO.getImageReaders(input)
					: Collections.emptyIterator();
			if (!readers.hasNext()) {
				throw new IllegalArgumentException("no reader for these bytes");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				// A huge original is read at no more than about twice the widest copy:
				// plenty for a sharp result, a fraction of the memory.
				int step = Math.max(1, width / (2 * this.widths[this.widths.length - 1]));
				ImageReadParam param = reader.getDefaultReadParam();
				param.setSourceSubsampling(step, step, 0, 0);
				BufferedImage image = reader.read(0, param);
				if (image == null) {
					throw new IllegalArgumentException("unreadable image");
				}
				return image;
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("unreadable image", ex);
		}
	}

	private static BufferedImage resize(BufferedImage image, int width) {
		try {
			BufferedImage resized = (width == image.getWidth()) ? image
					: Thumbnails.of(image).width(width).keepAspectRatio(true).asBufferedImage();
			return normalised(resized);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// Encoders want plain RGB or ARGB rasters, not indexed or grey ones.
	private static BufferedImage normalised(BufferedImage image) {
		boolean alpha = image.getColorModel().hasAlpha();
		int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
		if (image.getType() == type) {
			return image;
		}
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
		Graphics2D graphics = copy.createGraphics();
		if (!alpha) {
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
		}
		graphics.drawImage(image, 0, 0, null);
		graphics.dispose();
		return copy;
	}

	private static byte[] jpeg(BufferedImage image) {
		return write(image, "image/jpeg", param -> {
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(JPEG_QUALITY);
			param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
		});
	}

	private static byte[] png(BufferedImage image) {
		return write(image, "image/png", param -> {
		});
	}

	private static byte[] webp(BufferedImage image) {
		return write(image, "image/webp", param -> {
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionType(lossy(param.getCompressionTypes()));
			param.setCompressionQuality(WEBP_QUALITY);
		});
	}

	private static String lossy(String[] types) {
		return Arrays.stream(types).filter(type -> type.toLowerCase().contains("lossy")).findFirst().orElse(types[0]);
	}

	private static byte[] write(BufferedImage image, String mimeType, ParamSetter setter) {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(mimeType);
		if (!writers.hasNext()) {
			throw new IllegalStateException("No encoder for " + mimeType);
		}
		ImageWriter writer = writers.next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(output);
			ImageWriteParam param = writer.getDefaultWriteParam();
			setter.set(param);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	// The WebP encoder is a native library bundled for common platforms; where it does
	// not load, copies are made in JPEG and PNG only.
	private static boolean webpWorks() {
		try {
			BufferedImage probe = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
			byte[] bytes = webp(probe);
			return bytes.length > 12 && ImageFormat.detect(Arrays.copyOf(bytes, ImageFormat.HEADER_LENGTH))
				.filter(format -> format == ImageFormat.WEBP)
				.isPresent();
		}
		catch (RuntimeException | LinkageError ex) {
			log.info("WebP copies are off: this platform cannot encode WebP ({})", ex.toString());
			return false;
		}
	}

	@FunctionalInterface
	private interface ParamSetter {

		void set(ImageWriteParam param);

	}

	/**
	 * One encoded copy.
	 *
	 * @param format its format
	 * @param width its width
	 * @param height its height
	 * @param bytes its bytes
	 */
	record Encoded(ImageFormat format, int width, int height, byte[] bytes) {
	}

}
