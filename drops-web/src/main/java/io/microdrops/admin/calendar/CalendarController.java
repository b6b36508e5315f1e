package io.microdrops.admin.calendar;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import io.microdrops.community.Community;
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropManagement.CalendarEntry;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The drop calendar: a month grid or a list of the drops opening in a month, for one
 * community or all, with clashes and the fatigue guard's warnings marked. Days are the
 * local days of each drop's community.
 */
@Controller
class CalendarController {

	static final String VIEW_CALENDAR = "admin/calendar/index";

	private final DropManagement drops;

	private final CommunityManagement communities;

	private final Clock clock;

	CalendarController(DropManagement drops, CommunityManagement communities, Clock clock) {
		this.drops = drops;
		this.communities = communities;
		this.clock = clock;
	}

	@GetMapping("/admin/calendar")
	String calendar(@RequestParam(required = false) String community, @RequestParam(required = false) String month,
			@RequestParam(defaultValue = "month") String view, Model model) {
		Community selected = (community != null && !community.isBlank()) ? this.communities.require(community) : null;
		ZoneId zone = (selected != null) ? selected.timeZone() : ZoneOffset.UTC;
		YearMonth shown = parse(month, zone);
		LocalDate first = shown.atDay(1);
		LocalDate gridStart = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		LocalDate gridEnd = shown.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		CommunityId filter = (selected != null) ? selected.id() : null;
		// A day wider on each side: drops are placed on their own community's local day.
		List<CalendarEntry> entries = this.drops.calendar(
				gridStart.atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofDays(1)),
				gridEnd.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant(), filter);

		List<List<Day>> weeks = new ArrayList<>();
		for (LocalDate day = gridStart; !day.isAfter(gridEnd); day = day.plusWeeks(1)) {
			List<Day> week = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				LocalDate date = day.plusDays(i);
				week.add(new Day(date, date.getMonth() == shown.getMonth(),
						entries.stream().filter(entry -> localDate(entry).equals(date)).toList()));
			}
			weeks.add(week);
		}
		model.addAttribute("weeks", weeks);
		model.addAttribute("entries",
				entries.stream().filter(entry -> YearMonth.from(localDate(entry)).equals(shown)).toList());
		model.addAttribute("month", shown);
		model.addAttribute("today", java.time.LocalDate.now(this.clock.withZone(zone)));
		model.addAttribute("previous", shown.minusMonths(1));
		model.addAttribute("next", shown.plusMonths(1));
		model.addAttribute("community", selected);
		model.addAttribute("communities", this.communities.overview());
		model.addAttribute("listView", "list".equals(view));
		return VIEW_CALENDAR;
	}

	private YearMonth parse(String month, ZoneId zone) {
		if (month != null && !month.isBlank()) {
			try {
				return YearMonth.parse(month);
			}
			catch (DateTimeParseException ex) {
				// An unreadable month shows the current one rather than an error page.
			}
		}
		return YearMonth.now(this.clock.withZone(zone));
	}

	private static LocalDate localDate(CalendarEntry entry) {
		return entry.drop().drop().timeline().opensAt().atZone(entry.drop().timeZone()).toLocalDate();
	}

	/**
	 * One day of the month grid.
	 *
	 * @param date the date
	 * @param inMonth whether it belongs to the month shown
	 * @param entries the drops opening that day
	 */
	record Day(LocalDate date, boolean inMonth, List<CalendarEntry> entries) {
	}

}
