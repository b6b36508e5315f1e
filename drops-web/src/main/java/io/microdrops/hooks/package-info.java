/**
 * Community hooks: outbound webhooks per community for drop lifecycle and order events,
 * signed with HMAC-SHA256 (or posted as Discord embeds to a Discord channel webhook),
 * stored in an outbox when the event is handled and delivered by a background sender with
 * retries and exponential back-off.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Community hooks")
package io.microdrops.hooks;
