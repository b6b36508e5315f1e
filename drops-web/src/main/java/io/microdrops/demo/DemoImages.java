package io.microdrops.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Draws the demo shop's pictures, so the repository ships no binary images: a keycap, a
 * desk mat and a film canister, each on a soft gradient with a caption.
 */
final class DemoImages {

	private static final int WIDTH = 1200;

	private static final int HEIGHT = 800;

	private DemoImages() {
	}

	static byte[] keycap(Color metal, String caption) {
		return draw(new Color(0x2b2d42), new Color(0x8d99ae), caption, (g) -> {
			g.setPaint(new GradientPaint(420, 220, metal.brighter(), 780, 600, metal.darker()));
			g.fill(new RoundRectangle2D.Double(400, 230, 400, 360, 60, 60));
			g.setPaint(new GradientPaint(470, 260, metal.brighter().brighter(), 730, 480, metal));
			g.fill(new RoundRectangle2D.Double(460, 250, 280, 240, 50, 50));
			g.setColor(new Color(0, 0, 0, 60));
			g.setStroke(new BasicStroke(6));
			g.draw(new RoundRectangle2D.Double(460, 250, 280, 240, 50, 50));
		});
	}

	static byte[] deskmat(String caption) {
		return draw(new Color(0x10002b), new Color(0x5a189a), caption, (g) -> {
			g.setColor(new Color(0x240046));
			g.fill(new RoundRectangle2D.Double(150, 250, 900, 330, 40, 40));
			g.setColor(new Color(0xe0aaff));
			for (int i = 0; i < 40; i++) {
				int x = 180 + (i * 97) % 840;
				int y = 280 + (i * 53) % 270;
				g.fill(new Ellipse2D.Double(x, y, 6 + i % 5, 6 + i % 5));
			}
		});
	}

	static byte[] film(String caption) {
		return draw(new Color(0x3d2c2e), new Color(0xd4a373), caption, (g) -> {
			g.setPaint(new GradientPaint(500, 200, new Color(0xf2e8cf), 700, 600, new Color(0xbc6c25)));
			g.fill(new RoundRectangle2D.Double(480, 220, 240, 380, 30, 30));
			g.setColor(new Color(0x283618));
			g.fill(new RoundRectangle2D.Double(480, 330, 240, 160, 10, 10));
			g.setColor(new Color(0x606c38));
			g.fill(new RoundRectangle2D.Double(720, 360, 160, 90, 10, 10));
		});
	}

	private static byte[] draw(Color from, Color to, String caption, java.util.function.Consumer<Graphics2D> motif) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setPaint(new GradientPaint(0, 0, from, WIDTH, HEIGHT, to));
			g.fillRect(0, 0, WIDTH, HEIGHT);
			motif.accept(g);
			g.setColor(Color.WHITE);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
			g.drawString(caption, 60, HEIGHT - 60);
		}
		finally {
			g.dispose();
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
	}

}
