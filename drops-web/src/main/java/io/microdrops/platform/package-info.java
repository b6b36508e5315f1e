/**
 * Platform: how Drops runs. The embedded PostgreSQL default and other process-level
 * concerns that no feature owns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package io.microdrops.platform;
