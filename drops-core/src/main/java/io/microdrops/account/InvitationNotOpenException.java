package io.microdrops.account;

/**
 * Thrown when an invitation or setup link is used that cannot be used (any more).
 */
public class InvitationNotOpenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final InvitationStatus status;

	InvitationNotOpenException(InvitationStatus status) {
		super("Invitation not open: " + status);
		this.status = status;
	}

	/**
	 * Returns why the link does not work.
	 * @return the link's state
	 */
	public InvitationStatus status() {
		return this.status;
	}

}
