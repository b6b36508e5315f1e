package io.microdrops.drop;

/**
 * Thrown when no drop has the slug asked for.
 */
public class DropNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param slug the slug asked for
	 */
	public DropNotFoundException(String slug) {
		super("No drop " + slug);
	}

}
