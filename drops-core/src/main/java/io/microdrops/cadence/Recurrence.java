package io.microdrops.cadence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.Weekday;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * When a cadence's drops open: every {@code interval} weeks on the given weekdays, or
 * every {@code interval} months on the n-th (or last) given weekday, at a local time. It
 * is stored as an RRULE subset plus the local time, and expanded in the community's time
 * zone on the local calendar, so an opening stays at the same local time across daylight
 * saving changes (18:00 in London is 17:00Z in summer and 18:00Z in winter).
 *
 * @param frequency weekly or monthly
 * @param interval every how many weeks or months, 1–12
 * @param weekdays the weekdays (weekly: one or more; monthly: exactly one)
 * @param weekOfMonth for monthly: 1–4 for the n-th weekday, -1 for the last; {@code null}
 * for weekly
 * @param at the local opening time
 */
public record Recurrence(Frequency frequency, int interval, Set<DayOfWeek> weekdays, Integer weekOfMonth,
		LocalTime at) {

	/** The largest interval accepted, in weeks or months. */
	public static final int MAX_INTERVAL = 12;

	/** The value of {@code weekOfMonth} that means the last such weekday of the month. */
	public static final int LAST = -1;

	/**
	 * Creates a recurrence; weekdays are kept in week order.
	 * @param frequency weekly or monthly
	 * @param interval every how many weeks or months
	 * @param weekdays the weekdays
	 * @param weekOfMonth the n-th weekday for monthly, or {@code null}
	 * @param at the local opening time
	 */
	public Recurrence {
		weekdays = (weekdays == null || weekdays.isEmpty()) ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
	}

	/**
	 * A weekly recurrence.
	 * @param interval every how many weeks
	 * @param at the local time
	 * @param weekdays the weekdays
	 * @return the recurrence
	 */
	public static Recurrence weekly(int interval, LocalTime at, DayOfWeek... weekdays) {
		return new Recurrence(Frequency.WEEKLY, interval, Set.of(weekdays), null, at);
	}

	/**
	 * A monthly recurrence on the n-th weekday.
	 * @param interval every how many months
	 * @param weekOfMonth 1–4, or {@link #LAST}
	 * @param weekday the weekday
	 * @param at the local time
	 * @return the recurrence
	 */
	public static Recurrence monthly(int interval, int weekOfMonth, DayOfWeek weekday, LocalTime at) {
		return new Recurrence(Frequency.MONTHLY, interval, Set.of(weekday), weekOfMonth, at);
	}

	/**
	 * Lists what is wrong with the recurrence.
	 * @return the problems; empty when valid
	 */
	public List<Problem> problems() {
		List<Problem> problems = new ArrayList<>();
		if (this.frequency == null) {
			problems.add(new Problem("frequency", "cadence.frequency.required"));
		}
		if (this.interval < 1 || this.interval > MAX_INTERVAL) {
			problems.add(new Problem("interval", "cadence.interval.range", 1, MAX_INTERVAL));
		}
		if (this.at == null) {
			problems.add(new Problem("time", "cadence.time.invalid"));
		}
		if (this.frequency == Frequency.WEEKLY && this.weekdays.isEmpty()) {
			problems.add(new Problem("weekdays", "cadence.weekdays.required"));
		}
		if (this.frequency == Frequency.MONTHLY) {
			if (this.weekdays.size() != 1) {
				problems.add(new Problem("monthWeekday", "cadence.month-weekday.required"));
			}
			if (this.weekOfMonth == null
					|| !(this.weekOfMonth == LAST || (this.weekOfMonth >= 1 && this.weekOfMonth <= 4))) {
				problems.add(new Problem("weekOfMonth", "cadence.week-of-month.range"));
			}
		}
		return problems;
	}

	/**
	 * Writes the recurrence as an RRULE, without the local time.
	 * @return for example {@code FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=MO}
	 */
	public String toRule() {
		String days = sortedWeekdays().stream().map(Recurrence::code).collect(Collectors.joining(","));
		if (this.frequency == Frequency.MONTHLY) {
			return "FREQ=MONTHLY;INTERVAL=" + this.interval + ";BYDAY=" + this.weekOfMonth + days;
		}
		return "FREQ=WEEKLY;INTERVAL=" + this.interval + ";BYDAY=" + days + ";WKST=MO";
	}

	/**
	 * Reads a recurrence written by {@link #toRule()}.
	 * @param rule the RRULE
	 * @param at the local time
	 * @return the recurrence
	 * @throws IllegalArgumentException when the rule is not of the subset cadences use
	 */
	public static Recurrence parse(String rule, LocalTime at) {
		RecurrenceRule parsed = rrule(rule);
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		Integer position = null;
		for (RecurrenceRule.WeekdayNum day : parsed.getByDayPart()) {
			days.add(dayOfWeek(day.weekday));
			if (day.pos != 0) {
				position = day.pos;
			}
		}
		Frequency frequency = switch (parsed.getFreq()) {
			case WEEKLY -> Frequency.WEEKLY;
			case MONTHLY -> Frequency.MONTHLY;
			default -> throw new IllegalArgumentException("Not a cadence rule: " + rule);
		};
		return new Recurrence(frequency, parsed.getInterval(), days, position, at);
	}

	/**
	 * Lists the openings from a start date on, in a time zone, within a period.
	 * @param startsOn the first date counted: the first opening is the first matching day
	 * on or after it, and the week or month of that opening is the first
	 * @param zone the community's time zone
	 * @param from the period's start (inclusive)
	 * @param until the period's end (exclusive)
	 * @return the occurrences in order, each with its number counted from
	 * {@code startsOn}
	 */
	public List<Occurrence> between(LocalDate startsOn, ZoneId zone, Instant from, Instant until) {
		List<Occurrence> occurrences = new ArrayList<>();
		RecurrenceRuleIterator iterator = iterator(startsOn);
		int number = 0;
		while (iterator.hasNext()) {
			DateTime local = iterator.nextDateTime();
			number++;
			ZonedDateTime opening = toZoned(local, zone);
			Instant instant = opening.toInstant();
			if (!instant.isBefore(until)) {
				break;
			}
			if (!instant.isBefore(from)) {
				occurrences.add(new Occurrence(number, opening));
			}
		}
		return occurrences;
	}

	/**
	 * Lists the next openings from a moment on.
	 * @param startsOn the first date counted
	 * @param zone the community's time zone
	 * @param from the moment (inclusive)
	 * @param count how many
	 * @return up to {@code count} occurrences in order
	 */
	public List<Occurrence> next(LocalDate startsOn, ZoneId zone, Instant from, int count) {
		List<Occurrence> occurrences = new ArrayList<>();
		RecurrenceRuleIterator iterator = iterator(startsOn);
		int number = 0;
		while (iterator.hasNext() && occurrences.size() < count) {
			ZonedDateTime opening = toZoned(iterator.nextDateTime(), zone);
			number++;
			if (!opening.toInstant().isBefore(from)) {
				occurrences.add(new Occurrence(number, opening));
			}
		}
		return occurrences;
	}

	private RecurrenceRuleIterator iterator(LocalDate startsOn) {
		// The first opening is the first matching day on or after startsOn, and the week
		// (or month) it falls in counts as the first: the rule starts there. RFC 5545
		// alone would count from the week of startsOn, so "every 2nd Thursday from
		// Friday 1 March" would skip Thursday 7 March.
		RecurrenceRuleIterator everyMatch = rrule(withInterval(1).toRule()).iterator(floating(startsOn));
		return rrule(toRule()).iterator(everyMatch.nextDateTime());
	}

	private Recurrence withInterval(int interval) {
		return new Recurrence(this.frequency, interval, this.weekdays, this.weekOfMonth, this.at);
	}

	private DateTime floating(LocalDate date) {
		// Floating (zone-less) local date-times: the rule runs on the community's wall
		// clock, and each result is placed in the zone afterwards.
		return new DateTime(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth(), this.at.getHour(),
				this.at.getMinute(), 0);
	}

	private static ZonedDateTime toZoned(DateTime local, ZoneId zone) {
		// In a spring-forward gap the opening moves forward by the gap's length; in an
		// autumn overlap it takes the earlier offset (java.time's rules).
		return LocalDateTime
			.of(local.getYear(), local.getMonth() + 1, local.getDayOfMonth(), local.getHours(), local.getMinutes())
			.atZone(zone);
	}

	private List<DayOfWeek> sortedWeekdays() {
		return this.weekdays.stream().sorted().toList();
	}

	private static RecurrenceRule rrule(String rule) {
		try {
			RecurrenceRule parsed = new RecurrenceRule(rule);
			if (parsed.getFreq() != Freq.WEEKLY && parsed.getFreq() != Freq.MONTHLY) {
				throw new IllegalArgumentException("Not a cadence rule: " + rule);
			}
			return parsed;
		}
		catch (InvalidRecurrenceRuleException ex) {
			throw new IllegalArgumentException("Not a cadence rule: " + rule, ex);
		}
	}

	private static String code(DayOfWeek day) {
		return weekday(day).name();
	}

	private static Weekday weekday(DayOfWeek day) {
		// lib-recur counts from Sunday (SU = 0), java.time from Monday (MONDAY = 1).
		return Weekday.values()[day.getValue() % 7];
	}

	private static DayOfWeek dayOfWeek(Weekday weekday) {
		return (weekday.ordinal() == 0) ? DayOfWeek.SUNDAY : DayOfWeek.of(weekday.ordinal());
	}

	/**
	 * One occurrence of a cadence.
	 *
	 * @param number its number, counted from the cadence's start (the first is 1)
	 * @param opensAt when the drop opens, in the community's time zone
	 */
	public record Occurrence(int number, ZonedDateTime opensAt) {

		/**
		 * Returns the local date of the opening.
		 * @return the date
		 */
		public LocalDate date() {
			return this.opensAt.toLocalDate();
		}

	}

}
