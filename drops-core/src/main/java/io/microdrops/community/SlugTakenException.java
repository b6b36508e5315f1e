package io.microdrops.community;

/**
 * Thrown when a community is created with a slug another community has.
 */
public class SlugTakenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SlugTakenException(String slug) {
		super("Another community is called " + slug);
	}

}
