/**
 * Cadences: recurring schedules for a community (every N weeks on given weekdays, or
 * monthly on the n-th weekday, at a local time) that create draft drops ahead of time,
 * exactly once per occurrence on any number of nodes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cadences",
		allowedDependencies = { "community", "catalog", "drop", "shared" })
package io.microdrops.cadence;
