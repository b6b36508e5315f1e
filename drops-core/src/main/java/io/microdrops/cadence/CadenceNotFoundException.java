package io.microdrops.cadence;

/**
 * Thrown when no cadence has the slug asked for.
 */
public class CadenceNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CadenceNotFoundException(String slug) {
		super("No cadence " + slug);
	}

}
