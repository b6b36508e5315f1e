package io.microdrops.account;

/**
 * Thrown when a single-use link (password reset, change of address) is used, expired or
 * unknown.
 */
public class LinkNotOpenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final LinkStatus status;

	LinkNotOpenException(LinkStatus status) {
		super("Link not open: " + status);
		this.status = status;
	}

	/**
	 * Returns why the link does not work.
	 * @return the link's status, never {@link LinkStatus#OPEN}
	 */
	public LinkStatus status() {
		return this.status;
	}

}
