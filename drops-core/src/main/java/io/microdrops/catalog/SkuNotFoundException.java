package io.microdrops.catalog;

/**
 * Thrown when no SKU has the slug asked for.
 */
public class SkuNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SkuNotFoundException(String slug) {
		super("No SKU " + slug);
	}

}
