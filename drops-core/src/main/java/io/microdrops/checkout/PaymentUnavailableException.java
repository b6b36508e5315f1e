package io.microdrops.checkout;

/**
 * Thrown when the payment provider cannot be reached or cannot answer now (network
 * failure, timeout, an error on the provider's side, rate limiting, a rejected API key).
 * Whether money moved is unknown to the caller, so it answers "try again shortly" (HTTP
 * 503) and keeps the reservation: a retry with the same reservation id is safe because
 * providers deduplicate on it.
 */
public class PaymentUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what failed, for the log
	 * @param cause the provider's error
	 */
	public PaymentUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
