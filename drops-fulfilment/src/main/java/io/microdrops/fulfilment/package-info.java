/**
 * Fulfilment: micro-hubs with opening hours, pickup capacity and delivery areas, per-hub
 * allocation of a drop's units, and the fulfilment order each placed order becomes (pick,
 * pack, hand over by pickup code, deliver or ship). Reacts to checkout's
 * {@code OrderPlaced}; answers checkout's questions through
 * {@link io.microdrops.checkout.FulfilmentOptions}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fulfilment",
		allowedDependencies = { "checkout", "account", "drop", "catalog", "shared" })
package io.microdrops.fulfilment;
