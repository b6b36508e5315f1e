package io.microdrops.fulfilment;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Map;

/**
 * Everything about a hub that ops and admins edit.
 *
 * @param slug its name in addresses, e.g. {@code manchester-northern-quarter}
 * @param name its name
 * @param address its street address
 * @param timeZone a time-zone id, e.g. {@code Europe/London}
 * @param latitude degrees north, or {@code null}
 * @param longitude degrees east, or {@code null}
 * @param pickupCapacityPerDay pickups it can hand over in a day, 0 or more
 * @param slotMinutes length of a pickup slot, 15 to 480
 * @param deliveryPostcodes postcode prefixes it delivers to, separated by commas or
 * spaces, or {@code null}
 * @param deliveryRadiusKm radius it delivers within, or {@code null}; needs coordinates
 * @param sameDayCutoff local time until which a delivery leaves the same day
 * @param active whether checkout offers it
 * @param openingHours opening windows per weekday
 */
public record HubDetails(String slug, String name, String address, String timeZone, Double latitude, Double longitude,
		Integer pickupCapacityPerDay, Integer slotMinutes, String deliveryPostcodes, Double deliveryRadiusKm,
		LocalTime sameDayCutoff, boolean active, Map<DayOfWeek, OpeningWindow> openingHours) {
}
