/**
 * The ops area: local fulfilment at micro-hubs and the cohort dashboards.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ops")
package io.microdrops.ops;
