/**
 * Building blocks every module may use: the clock, money and time values.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.microdrops.shared;
