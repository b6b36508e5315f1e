/**
 * Analytics: engagement events, cohorts, retention and conversion, and the dashboards'
 * queries. Fed by other modules' events and its own tracking of story page views; reads
 * the shop's tables (drops, orders) where a dashboard needs them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics",
		allowedDependencies = { "account", "community", "drop", "checkout", "waitlist", "shared" })
package io.microdrops.analytics;
