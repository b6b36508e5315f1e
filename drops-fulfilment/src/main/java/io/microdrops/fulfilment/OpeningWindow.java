package io.microdrops.fulfilment;

import java.time.LocalTime;

/**
 * When a hub is open on one weekday.
 *
 * @param opens opening time, local to the hub
 * @param closes closing time, after {@code opens}
 */
public record OpeningWindow(LocalTime opens, LocalTime closes) {

	/**
	 * Creates a window.
	 * @param opens opening time
	 * @param closes closing time
	 * @throws IllegalArgumentException when it closes before it opens
	 */
	public OpeningWindow {
		if (opens == null || closes == null || !opens.isBefore(closes)) {
			throw new IllegalArgumentException("A hub closes after it opens");
		}
	}

}
