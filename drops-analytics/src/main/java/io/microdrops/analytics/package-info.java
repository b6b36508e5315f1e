/**
 * Analytics: engagement events, cohorts, retention and conversion, and the dashboards'
 * queries. Fed by other modules' events and its own tracking.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package io.microdrops.analytics;
