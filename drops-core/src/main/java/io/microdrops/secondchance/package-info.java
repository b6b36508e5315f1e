/**
 * Second chances: a unit that comes back after its drop item sold out (a paid pickup
 * nobody collected, a hold that ran out or was given back) is offered to the drop's
 * waitlist, in waitlist order, one fan at a time: a held unit with its own purchase
 * window, passed to the next fan when it lapses, until someone buys it or the drop
 * closes. Works like a draw's pass-down, with the waitlist instead of the draw's places.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Second chances",
		allowedDependencies = { "account", "drop", "catalog", "checkout", "waitlist", "shared" })
package io.microdrops.secondchance;
