package io.microdrops.checkout;

import io.microdrops.account.AccountId;

/**
 * A fan asks to hold units of a drop item.
 *
 * @param dropSlug the drop
 * @param sku the SKU's slug within the drop
 * @param quantity how many units, at least 1
 * @param fan who asks
 * @param idempotencyKey the client's key for retries, or {@code null}
 * @param admissionToken the waiting room's admission, for drops that have one (not part
 * of what is asked: a retry may bring it or not), or {@code null}
 */
public record ReserveRequest(String dropSlug, String sku, int quantity, AccountId fan, String idempotencyKey,
		String admissionToken) {

	/** The most units one request may ask for. */
	public static final int MAX_QUANTITY = 100;

	/** The longest SKU slug a request may name. */
	public static final int MAX_SKU_LENGTH = 60;

	/** The longest idempotency key a client may send. */
	public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;

	/** The longest admission token a client may send. */
	public static final int MAX_ADMISSION_TOKEN_LENGTH = 200;

	/**
	 * A request without an admission token.
	 * @param dropSlug the drop
	 * @param sku the SKU's slug within the drop
	 * @param quantity how many units
	 * @param fan who asks
	 * @param idempotencyKey the client's key for retries, or {@code null}
	 */
	public ReserveRequest(String dropSlug, String sku, int quantity, AccountId fan, String idempotencyKey) {
		this(dropSlug, sku, quantity, fan, idempotencyKey, null);
	}

	/**
	 * Returns a fingerprint of what was asked, to tell a retry from a different request
	 * under the same idempotency key.
	 * @return a SHA-256 in hex
	 */
	String fingerprint() {
		return Fingerprints.of("reserve", this.dropSlug, this.sku, this.quantity);
	}

}
