/**
 * Transparency: a read model of how each drop went, published once it sells out or
 * closes: units per item and channel, per way of fulfilment and hub, the time it took to
 * sell out, the fans served, the attempts refused and why, and a draw's published inputs.
 * It reads the other modules' public APIs and keeps no data of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Transparency",
		allowedDependencies = { "drop", "checkout", "draw", "catalog", "shared" })
package io.microdrops.transparency;
