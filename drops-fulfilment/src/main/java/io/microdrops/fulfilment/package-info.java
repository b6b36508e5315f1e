/**
 * Fulfilment: micro-hubs, allocation of units to hubs, same-day pickup and local
 * delivery. Reacts to checkout's events; never called by the core.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fulfilment")
package io.microdrops.fulfilment;
