package io.microdrops.admin.demand;

import java.time.Duration;
import java.util.stream.Collectors;

import io.microdrops.analytics.DemandSignals;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityManagement;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A community's demand signals: waitlist depth, sell-out speed and unmet demand of its
 * recent drops, and a suggested quantity and cadence for the next one with the formula in
 * plain words.
 */
@Controller
class DemandController {

	static final String VIEW_DEMAND = "admin/demand/show";

	private final CommunityManagement communities;

	private final DemandSignals signals;

	DemandController(CommunityManagement communities, DemandSignals signals) {
		this.communities = communities;
		this.signals = signals;
	}

	@GetMapping("/admin/communities/{slug}/demand")
	String demand(@PathVariable String slug, Model model) {
		Community community = this.communities.require(slug);
		model.addAttribute("community", community);
		DemandSignals.Signals signals = this.signals.of(community.id(), community.details().minGapDays());
		model.addAttribute("signals", signals);
		model.addAttribute("sellOutTimes",
				signals.drops()
					.stream()
					.filter(drop -> drop.sellOutTime() != null)
					.collect(Collectors.toMap(DemandSignals.DropDemand::id, drop -> readable(drop.sellOutTime()))));
		model.addAttribute("recent", DemandSignals.RECENT);
		return VIEW_DEMAND;
	}

	/**
	 * Writes a sell-out time for people: "45 min", "3 h 12 min", "2 d 4 h".
	 * @param time the time
	 * @return the text
	 */
	static String readable(Duration time) {
		if (time.toDays() > 0) {
			return time.toDays() + " d " + time.toHoursPart() + " h";
		}
		if (time.toHours() > 0) {
			return time.toHours() + " h " + time.toMinutesPart() + " min";
		}
		return Math.max(time.toMinutes(), 0) + " min " + time.toSecondsPart() + " s";
	}

}
