package io.microdrops.admin.drop;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.microdrops.checkout.DropMonitor;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The live monitor of one drop: units held, sold and left per item, reserve attempts per
 * second across every node, and when it sold out, read from the database on each request.
 * The page asks for its figures again every two seconds (htmx) until the drop closes;
 * without JavaScript it is a plain page to reload.
 */
@Controller
@RequestMapping("/admin/drops/{slug}/monitor")
class DropMonitorController {

	static final String VIEW_MONITOR = "admin/drops/monitor";

	static final String VIEW_PULSE = "admin/drops/partials/pulse";

	static final int CHART_HEIGHT = 60;

	static final int BAR_WIDTH = 5;

	private final DropManagement drops;

	private final DropMonitor monitor;

	DropMonitorController(DropManagement drops, DropMonitor monitor) {
		this.drops = drops;
		this.monitor = monitor;
	}

	@GetMapping
	String monitor(@PathVariable String slug, Model model) {
		pulse(slug, model);
		return VIEW_MONITOR;
	}

	/** The figures alone, for the page's refresh. */
	@GetMapping("/pulse")
	String pulse(@PathVariable String slug, Model model) {
		DropView view = this.drops.view(slug);
		DropMonitor.Pulse pulse = this.monitor.pulse(view.drop().id());
		Map<UUID, DropMonitor.ItemPulse> byItem = pulse.items()
			.stream()
			.collect(Collectors.toMap(DropMonitor.ItemPulse::dropItem, Function.identity()));
		model.addAttribute("view", view);
		model.addAttribute("pulse", pulse);
		model.addAttribute("items",
				view.items().stream().map(item -> new Row(item, byItem.get(item.item().id()))).toList());
		model.addAttribute("rate", String.format("%.1f", pulse.attemptsPerSecond()));
		model.addAttribute("soldOutAfter", words(pulse.soldOutAfter(view.drop().timeline().opensAt())));
		model.addAttribute("bars", bars(pulse.lastMinute()));
		model.addAttribute("chartWidth", DropMonitor.WINDOW_SECONDS * BAR_WIDTH);
		model.addAttribute("chartHeight", CHART_HEIGHT);
		model.addAttribute("refreshes", view.state() != DropState.CLOSED);
		// HTML's datetime takes at most milliseconds; seconds are what people read.
		model.addAttribute("atDatetime", pulse.at().truncatedTo(ChronoUnit.SECONDS));
		model.addAttribute("soldOutDatetime",
				(pulse.soldOutAt() != null) ? pulse.soldOutAt().truncatedTo(ChronoUnit.SECONDS) : null);
		return VIEW_PULSE;
	}

	/** Bars of the last minute's attempts, scaled to the busiest second in it. */
	static List<Bar> bars(List<Integer> lastMinute) {
		int busiest = lastMinute.stream().mapToInt(Integer::intValue).max().orElse(0);
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < lastMinute.size(); i++) {
			int attempts = lastMinute.get(i);
			int height = (busiest == 0 || attempts == 0) ? 0 : Math.max(1, attempts * CHART_HEIGHT / busiest);
			bars.add(new Bar(i * BAR_WIDTH, CHART_HEIGHT - height, BAR_WIDTH - 1, height));
		}
		return bars;
	}

	/**
	 * "42 s", "3 min 5 s", "2 h 4 min" after the opening; {@code null} if not sold out.
	 */
	static String words(Duration after) {
		if (after == null) {
			return null;
		}
		if (after.isNegative()) {
			return "0 s";
		}
		long seconds = after.toSeconds();
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
	}

	/**
	 * One item's line: the drop's item and its stock now.
	 *
	 * @param item the drop item with its SKU
	 * @param pulse its held, sold and remaining units
	 */
	record Row(DropView.Item item, DropMonitor.ItemPulse pulse) {
	}

	/**
	 * One second's bar in the chart, in SVG units.
	 *
	 * @param x left edge
	 * @param y top edge
	 * @param width width
	 * @param height height
	 */
	record Bar(int x, int y, int width, int height) {
	}

}
