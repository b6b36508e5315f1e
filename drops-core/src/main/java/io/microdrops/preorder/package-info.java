/**
 * Pre-orders: the validation run of a drop with a pre-order threshold. Fans pre-order
 * until the drop's deadline (a reservation of intent: no unit claimed, nothing charged;
 * with Stripe the amount is authorised, then captured or released); then, all or nothing,
 * every pre-order becomes an order through checkout (numbered editions, charged) or every
 * one is voided and the drop does not go ahead. The settlement runs once per drop on any
 * number of nodes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pre-orders",
		allowedDependencies = { "account", "catalog", "drop", "checkout", "waitlist", "shared" })
package io.microdrops.preorder;
