/**
 * Notifications: mail to fans and staff through a transactional outbox. Mail is rendered
 * and stored in the caller's transaction, then sent by a background job through SMTP;
 * with no SMTP server configured the outbox is the mailbox, read at
 * {@code /admin/outbox}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package io.microdrops.notification;
