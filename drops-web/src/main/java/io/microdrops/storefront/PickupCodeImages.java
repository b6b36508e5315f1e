package io.microdrops.storefront;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.fulfilment.FanFulfilment;
import io.microdrops.fulfilment.FulfilmentManagement;
import io.microdrops.web.SignedInUser;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The pickup code as a QR image: a PNG from this shop (so the pages' content security
 * policy needs nothing more), for the fan's own order page and, under a secret name, for
 * the "ready for pickup" mail, which is read outside any session. Another fan's order
 * answers 404, as does a code already used.
 */
@Controller
class PickupCodeImages {

	private static final int SIZE = 320;

	private final FulfilmentManagement fulfilment;

	private final OrderManagement orders;

	PickupCodeImages(FulfilmentManagement fulfilment, OrderManagement orders) {
		this.fulfilment = fulfilment;
		this.orders = orders;
	}

	@GetMapping("/account/orders/{id}/pickup-code.png")
	ResponseEntity<byte[]> forFan(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
		return this.orders.find(id, user.accountId())
			.flatMap(order -> this.fulfilment.forFan(order.id(), user.accountId()))
			.filter(FanFulfilment::codeUsable)
			.map(found -> png(found.pickupCode(), CacheControl.noStore()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@GetMapping("/pickup-codes/{token:[0-9a-f]{32}}.png")
	ResponseEntity<byte[]> forMail(@PathVariable String token) {
		return this.fulfilment.pickupCodeForImage(token)
			.map(code -> png(code, CacheControl.maxAge(Duration.ofHours(1)).cachePrivate()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private static ResponseEntity<byte[]> png(String code, CacheControl cache) {
		return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(cache).body(qr(code));
	}

	/**
	 * Draws a code as a QR image with a quiet zone.
	 * @param text what the QR code holds
	 * @return the PNG's bytes
	 */
	static byte[] qr(String text) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
			BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(),
					BufferedImage.TYPE_BYTE_BINARY);
			for (int y = 0; y < matrix.getHeight(); y++) {
				for (int x = 0; x < matrix.getWidth(); x++) {
					image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
				}
			}
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(image, "png", png);
			return png.toByteArray();
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Cannot draw " + text + " as a QR code", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
