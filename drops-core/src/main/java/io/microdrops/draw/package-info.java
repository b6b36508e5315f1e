/**
 * Draws: drops in {@code DRAW} mode share their units out by a verifiable draw. Fans
 * enter during the entry window (from the announcement to the opening); a commitment to a
 * secret seed is public from the start, and after the draw the seed and the salted entry
 * hashes are, so anyone can recompute the winners with {@link DrawAlgorithm}'s documented
 * rule. Winners get a held unit for their purchase window; unclaimed units pass on to the
 * next drawn fans.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Draws",
		allowedDependencies = { "account", "drop", "catalog", "checkout", "waitlist", "shared" })
package io.microdrops.draw;
