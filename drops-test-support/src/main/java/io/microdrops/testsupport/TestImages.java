package io.microdrops.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Real images made on the spot, for tests.
 */
public final class TestImages {

	private TestImages() {
	}

	/**
	 * Draws an image and encodes it.
	 * @param format an ImageIO format name: png, jpeg or gif
	 * @param width the width
	 * @param height the height
	 * @param seed varies the picture, so different seeds give different bytes
	 * @return the encoded image
	 */
	public static byte[] image(String format, int width, int height, int seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0x5b2a86 + seed * 7919));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(new Color(0xffb000));
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalArgumentException("No writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Makes a PNG.
	 * @param seed varies the picture
	 * @return the PNG's bytes
	 */
	public static byte[] png(int seed) {
		return image("png", 64, 48, seed);
	}

}
