/**
 * Drops: releases of one or more SKUs to a community on a timeline (announce, early
 * access, open, close), with guarded transitions and the fatigue guard.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Drops",
		allowedDependencies = { "account", "community", "catalog", "shared" })
package io.microdrops.drop;
