package io.microdrops.checkout;

/**
 * Thrown when a webhook call does not carry a valid signature from the payment provider
 * (wrong secret, tampered payload, a timestamp outside the tolerance, or no webhook
 * secret configured). The endpoint answers 400 and ignores the call.
 */
public class InvalidWebhookSignatureException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message why the signature was refused
	 * @param cause the verifier's error, or {@code null}
	 */
	public InvalidWebhookSignatureException(String message, Throwable cause) {
		super(message, cause);
	}

}
