/**
 * Waitlists: fans waiting for a drop, with a gap-free position each, and "notify me"
 * lists for future drops of a SKU. Also the early-access gate ({@link PurchaseAccess})
 * that checkout asks before it lets a fan buy, and the invitation published once per drop
 * when waitlist members may start buying.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Waitlists",
		allowedDependencies = { "account", "community", "catalog", "drop", "offer", "shared" })
package io.microdrops.waitlist;
