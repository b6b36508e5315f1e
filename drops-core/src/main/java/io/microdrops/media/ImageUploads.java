package io.microdrops.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Accepts uploaded images: checks them by their content and stores the ones that pass. An
 * upload is accepted only when its first bytes say JPEG, PNG or GIF <em>and</em> the
 * JDK's decoder reads the whole image without error, so a text file renamed {@code .png},
 * a truncated image or a polyglot that merely starts like an image is refused. WebP is
 * recognised but refused, because the JDK cannot decode it. Size and dimensions are
 * capped, and dimensions are read before any pixel is decoded. An accepted image gets its
 * resized copies ({@link ImageVariants}) at once, so no page ever resizes it.
 */
@Service
public class ImageUploads {

	/** Decoding keeps at most about this many pixels per side in memory. */
	private static final int CHECK_RESOLUTION = 1024;

	private final MediaStorage storage;

	private final ImageVariants variants;

	private final long maxBytes;

	private final int maxDimension;

	// Checks alone, without copies: for tests of the checks.
	ImageUploads(MediaStorage storage, long maxBytes, int maxDimension) {
		this(storage, null, maxBytes, maxDimension);
	}

	@Autowired
	ImageUploads(MediaStorage storage, ImageVariants variants, @Value("${drops.media.max-bytes:5242880}") long maxBytes,
			@Value("${drops.media.max-dimension:8000}") int maxDimension) {
		this.storage = storage;
		this.variants = variants;
		this.maxBytes = maxBytes;
		this.maxDimension = maxDimension;
	}

	/**
	 * Returns the largest upload accepted.
	 * @return the size in bytes
	 */
	public long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * Returns the largest width or height accepted.
	 * @return pixels
	 */
	public int maxDimension() {
		return this.maxDimension;
	}

	/**
	 * Checks an uploaded image and stores it when it passes.
	 * @param bytes the upload
	 * @return the stored image with its format and dimensions
	 * @throws ImageRefusedException when it is not an acceptable image; nothing is stored
	 */
	public StoredImage store(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new ImageRefusedException("media.image.empty");
		}
		if (bytes.length > this.maxBytes) {
			throw new ImageRefusedException("media.image.too-large");
		}
		byte[] header = Arrays.copyOf(bytes, Math.min(bytes.length, ImageFormat.HEADER_LENGTH));
		ImageFormat format = ImageFormat.detect(header)
			.orElseThrow(() -> new ImageRefusedException("media.image.not-an-image"));
		if (format == ImageFormat.WEBP) {
			throw new ImageRefusedException("media.image.webp-unsupported");
		}
		int[] size = decode(bytes, format);
		MediaId id = this.storage.store(bytes);
		if (this.variants != null) {
			this.variants.makeFor(id, bytes);
		}
		return new StoredImage(id, format, size[0], size[1]);
	}

	private int[] decode(byte[] bytes, ImageFormat format) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
		if (!readers.hasNext()) {
			throw new ImageRefusedException("media.image.unreadable");
		}
		ImageReader reader = readers.next();
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			reader.setInput(input, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if (width < 1 || height < 1 || width > this.maxDimension || height > this.maxDimension) {
				throw new ImageRefusedException("media.image.too-many-pixels");
			}
			// Every row is still decoded, so a corrupt image fails, but only a sample
			// of the pixels is kept: a 5 MB upload cannot claim gigabytes of memory.
			ImageReadParam param = reader.getDefaultReadParam();
			int step = Math.max(1, Math.max(width, height) / CHECK_RESOLUTION);
			param.setSourceSubsampling(step, step, 0, 0);
			if (reader.read(0, param) == null) {
				throw new ImageRefusedException("media.image.unreadable");
			}
			return new int[] { width, height };
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ImageRefusedException refused) {
				throw refused;
			}
			throw new ImageRefusedException("media.image.unreadable");
		}
		finally {
			reader.dispose();
		}
	}

}
