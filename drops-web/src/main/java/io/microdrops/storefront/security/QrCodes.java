package io.microdrops.storefront.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * QR codes as PNG images, served from our own address so the Content-Security-Policy
 * needs no exception. The image carries a secret: never cached.
 */
final class QrCodes {

	private static final int SIZE = 240;

	private QrCodes() {
	}

	static ResponseEntity<byte[]> png(String text) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE,
					Map.of(EncodeHintType.MARGIN, 2));
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			MatrixToImageWriter.writeToStream(matrix, "PNG", png);
			return ResponseEntity.ok()
				.contentType(MediaType.IMAGE_PNG)
				.cacheControl(CacheControl.noStore())
				.body(png.toByteArray());
		}
		catch (WriterException ex) {
			throw new IllegalStateException("Could not draw a QR code", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
