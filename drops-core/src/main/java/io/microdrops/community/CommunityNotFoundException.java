package io.microdrops.community;

/**
 * Thrown when no community has the slug asked for.
 */
public class CommunityNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CommunityNotFoundException(String slug) {
		super("No community " + slug);
	}

}
