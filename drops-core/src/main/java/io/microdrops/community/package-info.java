/**
 * Communities: the micro-audiences drops are made for, their home channel, time zone,
 * fatigue limits and members.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Communities",
		allowedDependencies = { "account", "shared" })
package io.microdrops.community;
