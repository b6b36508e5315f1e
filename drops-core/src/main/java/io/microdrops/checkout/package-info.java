/**
 * Checkout: reservations that hold numbered units of a drop item for a few minutes,
 * per-fan limits, expiry, and (next) orders and payments. Stock is one row per unit;
 * claims never wait on one another and can never hand out a unit twice.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Checkout",
		allowedDependencies = { "account", "drop", "catalog", "waitlist", "offer", "shared" })
package io.microdrops.checkout;
