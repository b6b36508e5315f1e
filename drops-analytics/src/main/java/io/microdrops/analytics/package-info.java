/**
 * Analytics: engagement events, cohorts, retention and conversion, and the dashboards'
 * queries. Fed by other modules' events (fulfilment's only for pickups handed over) and
 * its own tracking of story page views; reads the shop's tables (drops, orders) where a
 * dashboard needs them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics",
		allowedDependencies = { "account", "community", "drop", "checkout", "waitlist", "fulfilment", "shared" })
package io.microdrops.analytics;
