/**
 * Follow-up offers: what merchandisers give a drop's buyers some time after they received
 * their order (a thank-you note, add-on SKUs, an early-access code for the community's
 * next drop), the one follow-up each buyer gets per drop, and the single-use early-access
 * codes that the early-access gate honours and checkout consumes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Follow-up offers",
		allowedDependencies = { "account", "community", "catalog", "drop", "shared" })
package io.microdrops.offer;
