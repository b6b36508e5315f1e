package io.microdrops.api;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.OpeningWindow;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The micro-hubs checkout offers, for clients that place orders with pickup or local
 * delivery: the {@code slug} goes into {@code fulfilment.hub}.
 */
@RestController
class HubsApi {

	private final HubManagement hubs;

	HubsApi(HubManagement hubs) {
		this.hubs = hubs;
	}

	@GetMapping("/api/v1/hubs")
	List<HubJson> hubs() {
		return this.hubs.activeHubs().stream().map(HubJson::of).toList();
	}

	record HubJson(String slug, String name, String address, String timeZone, Map<DayOfWeek, String> openingHours,
			int pickupCapacityPerDay, int slotMinutes, List<String> deliveryPostcodes, Double deliveryRadiusKm,
			LocalTime sameDayCutoff) {

		static HubJson of(Hub hub) {
			Map<DayOfWeek, String> hours = new LinkedHashMap<>();
			for (DayOfWeek day : DayOfWeek.values()) {
				OpeningWindow window = hub.openingHours().get(day);
				if (window != null) {
					hours.put(day, window.opens() + "-" + window.closes());
				}
			}
			return new HubJson(hub.slug(), hub.name(), hub.address(), hub.timeZone().getId(), hours,
					hub.pickupCapacityPerDay(), hub.slotMinutes(), hub.deliveryArea().postcodePrefixes(),
					hub.deliveryArea().radiusKm(), hub.sameDayCutoff());
		}

	}

}
