/**
 * Recognition: the badges a community's merchandisers define for their collectors (first
 * drop, n drops, founding member, never missed a drop of a cadence) and what a fan has
 * collected, computed from their order history whenever it is read.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Recognition",
		allowedDependencies = { "account", "community", "cadence", "shared" })
package io.microdrops.recognition;
