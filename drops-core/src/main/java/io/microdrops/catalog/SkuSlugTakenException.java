package io.microdrops.catalog;

/**
 * Thrown when a SKU is created with a slug another SKU has.
 */
public class SkuSlugTakenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SkuSlugTakenException(String slug) {
		super("Another SKU is called " + slug);
	}

}
