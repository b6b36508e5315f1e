package io.microdrops.notification;

/**
 * Where a queued mail is on its way out.
 */
enum MailStatus {

	/** Waiting for its (next) attempt. */
	PENDING,

	/** Claimed by a sender, which holds a lease on it until its attempt ends. */
	SENDING,

	/** Accepted by the SMTP server. */
	SENT,

	/** Given up after the last attempt; the reason is in the last error. */
	FAILED

}
