package io.microdrops.demo;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

import io.microdrops.drop.DropManagement;
import io.microdrops.fulfilment.AllocationManagement;
import io.microdrops.fulfilment.HubDetails;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.OpeningWindow;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode's micro-hubs: Manchester and Leeds with pickup and local delivery, Sheffield
 * for pickup only; the open flash drop split between them, and packing notes. Created
 * once.
 */
@Component
@Order(20)
@ConditionalOnBooleanProperty("drops.demo.enabled")
class DemoHubs implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoHubs.class);

	static final String MANCHESTER = "manchester-northern-quarter";

	static final String LEEDS = "leeds-call-lane";

	static final String SHEFFIELD = "sheffield-kelham-island";

	private final HubManagement hubs;

	private final AllocationManagement allocations;

	private final DropManagement drops;

	DemoHubs(HubManagement hubs, AllocationManagement allocations, DropManagement drops) {
		this.hubs = hubs;
		this.allocations = allocations;
		this.drops = drops;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.hubs.find(MANCHESTER).isPresent()) {
			return;
		}
		this.hubs.create(new HubDetails(MANCHESTER, "Manchester — Northern Quarter",
				"Unit 4, 21 Oldham Street, Manchester M1 1JG", "Europe/London", 53.4831, -2.2341, 40, 60, "M1, M4", 5.0,
				LocalTime.of(14, 0), true, hours(LocalTime.of(10, 0), LocalTime.of(19, 0), true)));
		this.hubs.create(new HubDetails(LEEDS, "Leeds — Call Lane", "12 Call Lane, Leeds LS1 6DT", "Europe/London",
				53.7954, -1.5407, 25, 120, "LS1, LS2, LS6", null, LocalTime.of(13, 0), true,
				hours(LocalTime.of(11, 0), LocalTime.of(19, 0), false)));
		this.hubs.create(new HubDetails(SHEFFIELD, "Sheffield — Kelham Island",
				"Mara's workshop, 3 Alma Street, Sheffield S3 8SA", "Europe/London", 53.3895, -1.4725, 10, 60, null,
				null, LocalTime.of(12, 0), true, hours(LocalTime.of(12, 0), LocalTime.of(17, 0), false)));
		if (this.drops.find("night-shift-flash-drop").isPresent()) {
			var item = this.drops.require("night-shift-flash-drop").items().getFirst().id();
			this.allocations.allocate("night-shift-flash-drop", item, Map.of(MANCHESTER, 5, LEEDS, 4, SHEFFIELD, 0));
			this.allocations.writePackingNote("night-shift-flash-drop",
					"You caught one of twelve. This mat was printed once, for the late shift: thank you for being "
							+ "part of the run. — Mo, for the Keycap Collectors");
		}
		if (this.drops.find("brass-keycaps-winter-run").isPresent()) {
			this.allocations.writePackingNote("brass-keycaps-winter-run",
					"Cast by hand in Sheffield, polished one at a time. The number stamped in the stem is yours "
							+ "alone. — Mara");
		}
		logger.info("Demo hubs created: Manchester and Leeds (pickup and local delivery), Sheffield (pickup); the "
				+ "flash drop is split 5 Manchester, 4 Leeds, 3 shipping");
	}

	private static Map<DayOfWeek, OpeningWindow> hours(LocalTime opens, LocalTime closes, boolean sunday) {
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day != DayOfWeek.SUNDAY || sunday) {
				hours.put(day, new OpeningWindow(opens, closes));
			}
		}
		return hours;
	}

}
