package io.microdrops.admin.cadence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.microdrops.cadence.CadenceView;
import io.microdrops.cadence.ChangeCadence;
import io.microdrops.cadence.CreateCadence;
import io.microdrops.cadence.DropTemplate;
import io.microdrops.cadence.Frequency;
import io.microdrops.cadence.Recurrence;
import io.microdrops.drop.AccessMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The cadence form as typed. Every field is text, so whatever is sent comes back to the
 * page with a message instead of failing to bind; this record checks the shape (numbers,
 * time, date), and the cadence module checks the rules (ranges, SKUs, weekdays), so each
 * rule lives in one place.
 *
 * @param slug the cadence's address name (only when creating)
 * @param community the community's slug (only when creating)
 * @param frequency {@code WEEKLY} or {@code MONTHLY}
 * @param interval every how many weeks or months
 * @param weekdays for weekly: the weekdays, as {@link DayOfWeek} names
 * @param weekOfMonth for monthly: 1–4, or -1 for the last
 * @param monthWeekday for monthly: the weekday, as a {@link DayOfWeek} name
 * @param time the local opening time, {@code HH:mm}
 * @param startsOn the first date counted, {@code yyyy-mm-dd}
 * @param titlePattern the drops' title with {@code {date}} and {@code {n}}
 * @param items the item rows; rows without a SKU are ignored
 * @param accessMode the access mode's name
 * @param announceLeadHours hours from announcement to opening
 * @param earlyAccessLeadHours hours of early access before opening, blank for none
 * @param openHours hours open
 * @param holdMinutes minutes a reservation holds units
 * @param horizonWeeks weeks ahead drafts are created
 */
record CadenceForm(String slug, @NotBlank(message = "{cadence.community.unknown}") String community,
		@Pattern(regexp = "WEEKLY|MONTHLY", message = "{cadence.frequency.required}") String frequency,
		@Pattern(regexp = NUMBER, message = "{cadence.form.whole-number}") String interval,
		List<@Pattern(regexp = WEEKDAY, message = "{cadence.weekdays.required}") String> weekdays,
		@Pattern(regexp = "(-1|[1-4])?", message = "{cadence.week-of-month.range}") String weekOfMonth,
		@Pattern(regexp = "(" + WEEKDAY + ")?", message = "{cadence.month-weekday.required}") String monthWeekday,
		@Pattern(regexp = TIME, message = "{cadence.time.invalid}") String time,
		@Pattern(regexp = DATE, message = "{cadence.starts-on.invalid}") String startsOn, String titlePattern,
		@Valid List<ItemRow> items,
		@Pattern(regexp = "FIRST_COME|WAITLIST_ONLY|DRAW",
				message = "{cadence.access-mode.required}") String accessMode,
		@Pattern(regexp = NUMBER, message = "{cadence.form.whole-number}") String announceLeadHours,
		@Pattern(regexp = OPTIONAL_NUMBER, message = "{cadence.form.whole-number}") String earlyAccessLeadHours,
		@Pattern(regexp = NUMBER, message = "{cadence.form.whole-number}") String openHours,
		@Pattern(regexp = NUMBER, message = "{cadence.form.whole-number}") String holdMinutes,
		@Pattern(regexp = NUMBER, message = "{cadence.form.whole-number}") String horizonWeeks) {

	/** How many item rows the form shows. */
	static final int ITEM_ROWS = 3;

	static final String NUMBER = "\\d{1,4}";

	static final String OPTIONAL_NUMBER = "(\\d{1,4})?";

	static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?";

	static final String DATE = "\\d{4}-\\d{2}-\\d{2}";

	static final String WEEKDAY = "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY";

	CadenceForm {
		// Absent fields come back as empty text, which the patterns report.
		slug = text(slug);
		community = text(community);
		frequency = text(frequency);
		interval = text(interval);
		weekOfMonth = text(weekOfMonth);
		monthWeekday = text(monthWeekday);
		time = text(time);
		startsOn = text(startsOn);
		titlePattern = text(titlePattern);
		accessMode = text(accessMode);
		announceLeadHours = text(announceLeadHours);
		earlyAccessLeadHours = text(earlyAccessLeadHours);
		openHours = text(openHours);
		holdMinutes = text(holdMinutes);
		horizonWeeks = text(horizonWeeks);
		weekdays = (weekdays != null) ? weekdays.stream().filter(Objects::nonNull).toList() : List.of();
		// Rows the browser did not send (a gap in the indexes) come back empty.
		List<ItemRow> rows = new ArrayList<>();
		if (items != null) {
			items.forEach(row -> rows.add((row != null) ? row : ItemRow.empty()));
		}
		while (rows.size() < ITEM_ROWS) {
			rows.add(ItemRow.empty());
		}
		items = List.copyOf(rows);
	}

	static CadenceForm empty(LocalDate today) {
		return new CadenceForm("", "", Frequency.WEEKLY.name(), "1", List.of(), "", "", "18:00", today.toString(), "",
				List.of(), AccessMode.FIRST_COME.name(), "72", "", "24", "10", "4");
	}

	static CadenceForm of(CadenceView view) {
		var cadence = view.cadence();
		Recurrence recurrence = cadence.recurrence();
		boolean monthly = recurrence.frequency() == Frequency.MONTHLY;
		List<String> days = recurrence.weekdays().stream().sorted().map(DayOfWeek::name).toList();
		return new CadenceForm(cadence.slug(), view.communitySlug(), recurrence.frequency().name(),
				Integer.toString(recurrence.interval()), monthly ? List.of() : days,
				monthly ? Integer.toString(recurrence.weekOfMonth()) : "", monthly ? days.getFirst() : "",
				recurrence.at().toString(), cadence.startsOn().toString(), cadence.titlePattern(),
				view.items()
					.stream()
					.map(item -> new ItemRow(item.skuSlug(), Integer.toString(item.quantity()),
							Integer.toString(item.perFanLimit())))
					.toList(),
				cadence.accessMode().name(), Integer.toString(cadence.announceLeadHours()),
				(cadence.earlyAccessLeadHours() != null) ? Integer.toString(cadence.earlyAccessLeadHours()) : "",
				Integer.toString(cadence.openHours()), Integer.toString(cadence.holdMinutes()),
				Integer.toString(cadence.horizonWeeks()));
	}

	/**
	 * Returns the rows that name a SKU, in the order typed; a command's item {@code k} is
	 * row {@code filledRows().get(k)}.
	 * @return the indexes of the filled rows
	 */
	List<Integer> filledRows() {
		List<Integer> filled = new ArrayList<>();
		for (int row = 0; row < this.items.size(); row++) {
			if (!this.items.get(row).isBlank()) {
				filled.add(row);
			}
		}
		return filled;
	}

	CreateCadence toCreate() {
		return new CreateCadence(this.slug, this.community, recurrence(), LocalDate.parse(this.startsOn), template(),
				Integer.parseInt(this.horizonWeeks));
	}

	ChangeCadence toChange(String cadence) {
		return new ChangeCadence(cadence, recurrence(), LocalDate.parse(this.startsOn), template(),
				Integer.parseInt(this.horizonWeeks));
	}

	private Recurrence recurrence() {
		Frequency chosen = Frequency.valueOf(this.frequency);
		LocalTime at = LocalTime.parse(this.time);
		int every = Integer.parseInt(this.interval);
		if (chosen == Frequency.MONTHLY) {
			Set<DayOfWeek> day = isBlank(this.monthWeekday) ? Set.of() : Set.of(DayOfWeek.valueOf(this.monthWeekday));
			Integer week = isBlank(this.weekOfMonth) ? null : Integer.valueOf(this.weekOfMonth);
			return new Recurrence(Frequency.MONTHLY, every, day, week, at);
		}
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		this.weekdays.forEach(day -> days.add(DayOfWeek.valueOf(day)));
		return new Recurrence(Frequency.WEEKLY, every, days, null, at);
	}

	private DropTemplate template() {
		List<DropTemplate.Item> chosen = filledRows().stream().map(row -> this.items.get(row).toItem()).toList();
		return new DropTemplate(this.titlePattern, chosen, AccessMode.valueOf(this.accessMode),
				Integer.parseInt(this.announceLeadHours),
				isBlank(this.earlyAccessLeadHours) ? null : Integer.valueOf(this.earlyAccessLeadHours),
				Integer.parseInt(this.openHours), Integer.parseInt(this.holdMinutes));
	}

	private static String text(String value) {
		return (value != null) ? value.strip() : "";
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * One item row.
	 *
	 * @param sku the SKU's slug, blank for an unused row
	 * @param quantity units per drop
	 * @param perFanLimit units per fan
	 */
	record ItemRow(String sku,
			@Pattern(regexp = OPTIONAL_NUMBER, message = "{cadence.form.whole-number}") String quantity,
			@Pattern(regexp = OPTIONAL_NUMBER, message = "{cadence.form.whole-number}") String perFanLimit) {

		static ItemRow empty() {
			return new ItemRow("", "", "");
		}

		boolean isBlank() {
			return this.sku == null || this.sku.isBlank();
		}

		DropTemplate.Item toItem() {
			return new DropTemplate.Item(this.sku, number(this.quantity), number(this.perFanLimit));
		}

		private static int number(String value) {
			// A missing number is reported by the cadence rules as out of range.
			return (value == null || value.isBlank()) ? 0 : Integer.parseInt(value);
		}

	}

}
