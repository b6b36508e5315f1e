package io.microdrops.cadence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecurrenceTests {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	static final LocalTime SIX_PM = LocalTime.of(18, 0);

	@Test
	void weeklyOnThursdayOpensEveryThursdayAtTheLocalTime() {
		Recurrence recurrence = Recurrence.weekly(1, SIX_PM, DayOfWeek.THURSDAY);

		List<Recurrence.Occurrence> occurrences = recurrence.between(LocalDate.of(2030, 1, 1), LONDON,
				Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-02-01T00:00:00Z"));

		assertThat(occurrences).extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 1, 3), LocalDate.of(2030, 1, 10), LocalDate.of(2030, 1, 17),
					LocalDate.of(2030, 1, 24), LocalDate.of(2030, 1, 31));
		assertThat(occurrences).extracting(occurrence -> occurrence.opensAt().toLocalTime()).containsOnly(SIX_PM);
		assertThat(occurrences).extracting(Recurrence.Occurrence::number).containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void weeklyOnTwoWeekdaysOpensOnBoth() {
		Recurrence recurrence = Recurrence.weekly(1, SIX_PM, DayOfWeek.THURSDAY, DayOfWeek.MONDAY);

		assertThat(recurrence.toRule()).isEqualTo("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;WKST=MO");
		assertThat(recurrence.between(LocalDate.of(2030, 1, 1), LONDON, Instant.parse("2030-01-01T00:00:00Z"),
				Instant.parse("2030-01-12T00:00:00Z")))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 1, 3), LocalDate.of(2030, 1, 7), LocalDate.of(2030, 1, 10));
	}

	@Test
	void everySecondWeekCountsWeeksFromTheStartDate() {
		Recurrence recurrence = Recurrence.weekly(2, SIX_PM, DayOfWeek.THURSDAY);

		assertThat(recurrence.between(LocalDate.of(2030, 1, 1), LONDON, Instant.parse("2030-01-01T00:00:00Z"),
				Instant.parse("2030-02-15T00:00:00Z")))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 1, 3), LocalDate.of(2030, 1, 17), LocalDate.of(2030, 1, 31),
					LocalDate.of(2030, 2, 14));
		// Starting a week later shifts the fortnight by one week.
		assertThat(recurrence.between(LocalDate.of(2030, 1, 8), LONDON, Instant.parse("2030-01-01T00:00:00Z"),
				Instant.parse("2030-02-15T00:00:00Z")))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 1, 10), LocalDate.of(2030, 1, 24), LocalDate.of(2030, 2, 7));
	}

	@Test
	void everySecondWeekStartsWithTheFirstMatchingDayOnOrAfterTheStartDate() {
		// Friday 1 March: the first Thursday counted is 7 March, not 14 March.
		assertThat(Recurrence.weekly(2, SIX_PM, DayOfWeek.THURSDAY)
			.next(LocalDate.of(2030, 3, 1), LONDON, Instant.parse("2030-01-01T00:00:00Z"), 3))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 3, 7), LocalDate.of(2030, 3, 21), LocalDate.of(2030, 4, 4));
	}

	@Test
	void everySecondMonthStartsWithTheFirstMonthWhoseWeekdayIsStillAhead() {
		// The 2nd Thursday of March 2030 (14 March) is before 20 March: April comes
		// first.
		assertThat(Recurrence.monthly(2, 2, DayOfWeek.THURSDAY, SIX_PM)
			.next(LocalDate.of(2030, 3, 20), LONDON, Instant.parse("2030-01-01T00:00:00Z"), 3))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 4, 11), LocalDate.of(2030, 6, 13), LocalDate.of(2030, 8, 8));
	}

	@Test
	void monthlyOnTheSecondThursdayOpensOnTheSecondThursdayOfEachMonth() {
		Recurrence recurrence = Recurrence.monthly(1, 2, DayOfWeek.THURSDAY, SIX_PM);

		assertThat(recurrence.toRule()).isEqualTo("FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH");
		assertThat(recurrence.between(LocalDate.of(2030, 1, 1), LONDON, Instant.parse("2030-01-01T00:00:00Z"),
				Instant.parse("2030-05-01T00:00:00Z")))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 1, 10), LocalDate.of(2030, 2, 14), LocalDate.of(2030, 3, 14),
					LocalDate.of(2030, 4, 11));
	}

	@Test
	void monthlyOnTheLastFridayOpensOnTheLastFriday() {
		Recurrence recurrence = Recurrence.monthly(1, Recurrence.LAST, DayOfWeek.FRIDAY, SIX_PM);

		assertThat(recurrence.between(LocalDate.of(2030, 1, 1), LONDON, Instant.parse("2030-01-01T00:00:00Z"),
				Instant.parse("2030-03-01T00:00:00Z")))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 1, 25), LocalDate.of(2030, 2, 22));
	}

	@Test
	void theHorizonsEndIsExclusiveAndItsStartInclusive() {
		Recurrence recurrence = Recurrence.weekly(1, SIX_PM, DayOfWeek.THURSDAY);
		Instant firstOpening = Instant.parse("2030-01-03T18:00:00Z");
		Instant fourWeeksLater = Instant.parse("2030-01-31T18:00:00Z");

		assertThat(recurrence.between(LocalDate.of(2030, 1, 1), LONDON, firstOpening, fourWeeksLater))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 1, 3), LocalDate.of(2030, 1, 10), LocalDate.of(2030, 1, 17),
					LocalDate.of(2030, 1, 24));
		assertThat(recurrence.between(LocalDate.of(2030, 1, 1), LONDON, firstOpening.plusSeconds(1),
				fourWeeksLater.plusSeconds(1)))
			.extracting(Recurrence.Occurrence::date)
			.containsExactly(LocalDate.of(2030, 1, 10), LocalDate.of(2030, 1, 17), LocalDate.of(2030, 1, 24),
					LocalDate.of(2030, 1, 31));
	}

	@Test
	void keepsSixPmLocalInLondonAcrossTheSpringChange() {
		// British Summer Time starts on Sunday 31 March 2030.
		List<Recurrence.Occurrence> occurrences = Recurrence.weekly(1, SIX_PM, DayOfWeek.THURSDAY)
			.between(LocalDate.of(2030, 3, 1), LONDON, Instant.parse("2030-03-25T00:00:00Z"),
					Instant.parse("2030-04-05T00:00:00Z"));

		assertThat(occurrences).extracting(occurrence -> occurrence.opensAt().toInstant())
			.containsExactly(Instant.parse("2030-03-28T18:00:00Z"), Instant.parse("2030-04-04T17:00:00Z"));
		assertThat(occurrences).extracting(occurrence -> occurrence.opensAt().toLocalTime()).containsOnly(SIX_PM);
	}

	@Test
	void keepsSixPmLocalInLondonAcrossTheAutumnChange() {
		// British Summer Time ends on Sunday 27 October 2030.
		List<Recurrence.Occurrence> occurrences = Recurrence.weekly(1, SIX_PM, DayOfWeek.THURSDAY)
			.between(LocalDate.of(2030, 10, 1), LONDON, Instant.parse("2030-10-21T00:00:00Z"),
					Instant.parse("2030-11-01T00:00:00Z"));

		assertThat(occurrences).extracting(occurrence -> occurrence.opensAt().toInstant())
			.containsExactly(Instant.parse("2030-10-24T17:00:00Z"), Instant.parse("2030-10-31T18:00:00Z"));
		assertThat(occurrences).extracting(occurrence -> occurrence.opensAt().toLocalTime()).containsOnly(SIX_PM);
	}

	@Test
	void movesAnOpeningInTheSpringGapForwardByTheGap() {
		// 01:30 does not exist in London on 31 March 2030; the opening is at 02:30 BST.
		List<Recurrence.Occurrence> occurrences = Recurrence.weekly(1, LocalTime.of(1, 30), DayOfWeek.SUNDAY)
			.between(LocalDate.of(2030, 3, 1), LONDON, Instant.parse("2030-03-30T00:00:00Z"),
					Instant.parse("2030-04-01T00:00:00Z"));

		assertThat(occurrences).extracting(Recurrence.Occurrence::opensAt)
			.containsExactly(ZonedDateTime.of(2030, 3, 31, 2, 30, 0, 0, LONDON));
	}

	@Test
	void readsBackTheRuleItWrites() {
		Recurrence weekly = Recurrence.weekly(2, SIX_PM, DayOfWeek.FRIDAY, DayOfWeek.TUESDAY);
		Recurrence monthly = Recurrence.monthly(3, Recurrence.LAST, DayOfWeek.SATURDAY, LocalTime.of(9, 15));

		assertThat(Recurrence.parse(weekly.toRule(), SIX_PM)).isEqualTo(weekly);
		assertThat(Recurrence.parse(monthly.toRule(), LocalTime.of(9, 15))).isEqualTo(monthly);
		assertThatIllegalArgumentException().isThrownBy(() -> Recurrence.parse("FREQ=DAILY", SIX_PM));
		assertThatIllegalArgumentException().isThrownBy(() -> Recurrence.parse("not a rule", SIX_PM));
	}

	@Test
	void namesEveryProblemOfABadRecurrence() {
		assertThat(new Recurrence(Frequency.WEEKLY, 0, null, null, null).problems()).extracting(Problem::messageKey)
			.containsExactlyInAnyOrder("cadence.interval.range", "cadence.time.invalid", "cadence.weekdays.required");
		assertThat(new Recurrence(Frequency.MONTHLY, 13, null, 5, SIX_PM).problems()).extracting(Problem::messageKey)
			.containsExactlyInAnyOrder("cadence.interval.range", "cadence.month-weekday.required",
					"cadence.week-of-month.range");
		assertThat(Recurrence.monthly(12, 4, DayOfWeek.MONDAY, SIX_PM).problems()).isEmpty();
	}

}
