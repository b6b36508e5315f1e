package io.microdrops.cadence;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import org.junit.jupiter.api.BeforeEach;
import io.microdrops.testsupport.Concurrently;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cadences against the real database: drafts created once per occurrence, also under
 * concurrent runs, at the same local time across daylight saving changes. The scheduled
 * job is kept from running on its own so each test decides when expansion happens.
 */
@SpringBootTest(properties = { "drops.cadence.run-interval=PT24H", "drops.cadence.initial-delay=PT24H" })
@Import(CadenceManagementIntegrationTests.Clocks.class)
class CadenceManagementIntegrationTests {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	@Autowired
	CadenceManagement cadences;

	@Autowired
	CadenceJob job;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	String community;

	String sku;

	@BeforeEach
	void fixtures() {
		// Friday 1 March 2030, 09:00 UTC.
		this.clock.set(Instant.parse("2030-03-01T09:00:00Z"));
		this.community = CadenceFixtures.community(this.communities, LONDON);
		this.sku = CadenceFixtures.sku(this.catalog);
	}

	@Test
	void createsTheDraftsUpToTheHorizonRightAfterTheCadenceIsCreated() {
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 4));

		// Thursdays 7, 14, 21 and 28 March fall within four weeks of 1 March 09:00.
		assertThat(draftSlugs(cadence)).containsExactly(cadence.slug() + "-2030-03-07", cadence.slug() + "-2030-03-14",
				cadence.slug() + "-2030-03-21", cadence.slug() + "-2030-03-28");
		assertThat(this.jdbc.queryForList("select title from drops where cadence_id = ? order by opens_at",
				String.class, cadence.id().value()))
			.first()
			.isEqualTo("Keycap Thursday — 7 March 2030 (#1)");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from drops where cadence_id = ? and scheduled = false and access_mode = 'FIRST_COME'",
				Long.class, cadence.id().value()))
			.isEqualTo(4);
		assertThat(this.cadences.find(cadence.slug()).orElseThrow().draftsCreated()).isEqualTo(4);
	}

	@Test
	void anEveryOtherWeekCadenceCreatesEveryOtherThursday() {
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 2, 6));

		assertThat(draftSlugs(cadence)).containsExactly(cadence.slug() + "-2030-03-07", cadence.slug() + "-2030-03-21",
				cadence.slug() + "-2030-04-04");
	}

	@Test
	void keepsEighteenHundredsLocalAcrossTheSpringChangeInTheDatabase() {
		this.clock.set(Instant.parse("2030-03-18T09:00:00Z"));
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 3));

		assertThat(opensAt(cadence)).containsExactly(Instant.parse("2030-03-21T18:00:00Z"),
				Instant.parse("2030-03-28T18:00:00Z"), Instant.parse("2030-04-04T17:00:00Z"));
	}

	@Test
	void keepsEighteenHundredsLocalAcrossTheAutumnChangeInTheDatabase() {
		this.clock.set(Instant.parse("2030-10-15T09:00:00Z"));
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 10, 1), 1, 3));

		assertThat(opensAt(cadence)).containsExactly(Instant.parse("2030-10-17T17:00:00Z"),
				Instant.parse("2030-10-24T17:00:00Z"), Instant.parse("2030-10-31T18:00:00Z"));
	}

	@Test
	void twoConcurrentExpansionRunsCreateEachDraftExactlyOnce() throws Exception {
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 4));
		this.clock.advance(Duration.ofDays(28));

		List<ExpansionReport> reports = Concurrently.run(2, run -> this.cadences.expand(cadence.slug()));

		// 1 March + 28 days + 4 weeks: Thursdays 7 March to 25 April, eight in all.
		assertThat(countDrafts(cadence)).isEqualTo(8);
		assertThat(reports.stream().mapToInt(ExpansionReport::created).sum()).isEqualTo(4);
		assertThat(draftSlugs(cadence)).doesNotHaveDuplicates();
	}

	@Test
	void theLockedJobRunTwiceAtOnceCreatesEachDraftExactlyOnce() throws Exception {
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 4));
		this.clock.advance(Duration.ofDays(14));

		Concurrently.run(2, run -> {
			this.job.run();
			return null;
		});

		assertThat(countDrafts(cadence)).isEqualTo(6);
		assertThat(
				this.jdbc.queryForObject("select count(*) from shedlock where name = 'cadence-expansion'", Long.class))
			.isEqualTo(1);
	}

	@Test
	void changingACadenceAndRunningAgainCreatesNoSecondDraftForADate() {
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 4));

		this.cadences
			.update(new ChangeCadence(cadence.slug(), Recurrence.weekly(1, LocalTime.of(19, 30), DayOfWeek.THURSDAY),
					LocalDate.of(2030, 3, 1), CadenceFixtures.template(this.sku), 4));
		this.cadences.expand(cadence.slug());
		this.cadences.runNow();

		assertThat(countDrafts(cadence)).isEqualTo(4);
		assertThat(draftSlugs(cadence)).doesNotHaveDuplicates();
		assertThat(this.cadences.require(cadence.slug()).recurrence().at()).isEqualTo(LocalTime.of(19, 30));
	}

	@Test
	void aPausedCadenceCreatesNothingUntilResumed() {
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 1));
		assertThat(countDrafts(cadence)).isEqualTo(1);
		this.cadences.pause(cadence.slug());
		this.clock.advance(Duration.ofDays(14));

		assertThat(this.cadences.expand(cadence.slug())).isEqualTo(ExpansionReport.NONE);
		assertThat(countDrafts(cadence)).isEqualTo(1);

		this.cadences.resume(cadence.slug());
		assertThat(countDrafts(cadence)).isEqualTo(2);
	}

	@Test
	void skipsAnOccurrenceWhoseAnnouncementWouldBeInThePastAndCarriesOn() {
		// Opening on Thursday 7 March at 18:00 with a 168-hour lead: announced on 28
		// February.
		CreateCadence command = CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 2);
		DropTemplate weekLead = new DropTemplate("Weekly {n}", command.template().items(), AccessMode.DRAW, 168, null,
				24, 10);
		Cadence cadence = this.cadences.create(new CreateCadence(command.slug(), command.community(),
				command.recurrence(), command.startsOn(), weekLead, command.horizonWeeks()));

		assertThat(draftSlugs(cadence)).containsExactly(cadence.slug() + "-2030-03-14");
		assertThat(this.cadences.expand(cadence.slug())).isEqualTo(new ExpansionReport(0, 1, 1));
	}

	@Test
	void refusesABadCadenceWithEveryProblemAndStoresNothing() {
		CreateCadence bad = new CreateCadence("Bad Slug!", "no-such-community",
				new Recurrence(Frequency.WEEKLY, 0, null, null, LocalTime.of(18, 0)), null,
				new DropTemplate(" ", List.of(new DropTemplate.Item("no-such-sku", 5, 6)), null, 10, 12, 0, 90), 27);

		assertThatExceptionOfType(CadenceRefusedException.class).isThrownBy(() -> this.cadences.create(bad))
			.satisfies(ex -> assertThat(ex.problems()).extracting(Problem::field, Problem::messageKey)
				.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("slug", "cadence.slug.invalid"),
						org.assertj.core.groups.Tuple.tuple("community", "cadence.community.unknown"),
						org.assertj.core.groups.Tuple.tuple("interval", "cadence.interval.range"),
						org.assertj.core.groups.Tuple.tuple("weekdays", "cadence.weekdays.required"),
						org.assertj.core.groups.Tuple.tuple("startsOn", "cadence.starts-on.required"),
						org.assertj.core.groups.Tuple.tuple("horizonWeeks", "cadence.horizon.range"),
						org.assertj.core.groups.Tuple.tuple("titlePattern", "cadence.title.required"),
						org.assertj.core.groups.Tuple.tuple("accessMode", "cadence.access-mode.required"),
						org.assertj.core.groups.Tuple.tuple("earlyAccessLeadHours",
								"cadence.early-access-lead.after-announce"),
						org.assertj.core.groups.Tuple.tuple("openHours", "cadence.open-hours.range"),
						org.assertj.core.groups.Tuple.tuple("holdMinutes", "cadence.hold-minutes.range"),
						org.assertj.core.groups.Tuple.tuple("items[0].perFanLimit", "cadence.item.limit-over-quantity"),
						org.assertj.core.groups.Tuple.tuple("items[0].sku", "cadence.item.sku-unknown")));
		assertThat(this.jdbc.queryForObject("select count(*) from cadences where slug = 'Bad Slug!'", Long.class))
			.isZero();
	}

	@Test
	void refusesAChangeThatBreaksARuleAndKeepsTheCadenceAsItWas() {
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 4));

		assertThatExceptionOfType(CadenceRefusedException.class)
			.isThrownBy(() -> this.cadences
				.update(new ChangeCadence(cadence.slug(), Recurrence.weekly(1, LocalTime.of(9, 0)),
						LocalDate.of(2030, 3, 1), CadenceFixtures.template("no-such-sku"), 4)))
			.satisfies(ex -> assertThat(ex.problems()).extracting(Problem::messageKey)
				.containsExactlyInAnyOrder("cadence.weekdays.required", "cadence.item.sku-unknown"));
		Cadence stored = this.cadences.require(cadence.slug());
		assertThat(stored.recurrence().at()).isEqualTo(LocalTime.of(18, 0));
		assertThat(stored.items()).hasSize(1);
	}

	@Test
	void refusesASecondCadenceWithTheSameSlug() {
		CreateCadence command = CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 1);
		this.cadences.create(command);

		assertThatExceptionOfType(CadenceRefusedException.class).isThrownBy(() -> this.cadences.create(command))
			.satisfies(ex -> assertThat(ex.problems()).extracting(Problem::messageKey)
				.containsExactly("cadence.slug.taken"));
	}

	@Test
	void listsTheNextThreeOpeningsInTheCommunitysTime() {
		Cadence cadence = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 2, 4));

		CadenceView view = this.cadences.list()
			.stream()
			.filter(each -> each.cadence().slug().equals(cadence.slug()))
			.findFirst()
			.orElseThrow();

		assertThat(view.communitySlug()).isEqualTo(this.community);
		assertThat(view.items()).extracting(CadenceView.Item::skuSlug).containsExactly(this.sku);
		assertThat(view.nextOpenings()).extracting(occurrence -> occurrence.opensAt().toLocalDateTime().toString())
			.containsExactly("2030-03-07T18:00", "2030-03-21T18:00", "2030-04-04T18:00");
		assertThat(view.draftsCreated()).isEqualTo(2);
	}

	@Test
	void namesTheFatigueRuleACadencesOwnDropsBreak() {
		// The community wants 7 days between drops and at most 4 in 30 days.
		Cadence twiceAWeek = this.cadences.create(new CreateCadence(CadenceFixtures.unique("twice"), this.community,
				Recurrence.weekly(1, LocalTime.of(18, 0), DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
				LocalDate.of(2030, 3, 1), CadenceFixtures.template(this.sku), 2));
		Cadence weekly = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 1, 2));
		Cadence fortnightly = this.cadences
			.create(CadenceFixtures.thursdays(this.community, this.sku, LocalDate.of(2030, 3, 1), 2, 2));

		assertThat(view(twiceAWeek).fatigue()).satisfies(problem -> {
			assertThat(problem.messageKey()).isEqualTo("cadence.fatigue.gap");
			assertThat(problem.arguments()).containsExactly(3L, "Keycap Collectors", 7);
		});
		// Thursdays: five in the 30 days from any first one.
		assertThat(view(weekly).fatigue()).satisfies(problem -> {
			assertThat(problem.messageKey()).isEqualTo("cadence.fatigue.too-many");
			assertThat(problem.arguments()).containsExactly(5L, "Keycap Collectors", 4);
		});
		assertThat(view(fortnightly).fatigue()).isNull();
	}

	private CadenceView view(Cadence cadence) {
		return this.cadences.find(cadence.slug()).orElseThrow();
	}

	private long countDrafts(Cadence cadence) {
		return this.jdbc.queryForObject("select count(*) from drops where cadence_id = ?", Long.class,
				cadence.id().value());
	}

	private List<String> draftSlugs(Cadence cadence) {
		return this.jdbc.queryForList("select slug from drops where cadence_id = ? order by opens_at", String.class,
				cadence.id().value());
	}

	private List<Instant> opensAt(Cadence cadence) {
		return this.jdbc
			.queryForList("select opens_at from drops where cadence_id = ? order by opens_at", java.sql.Timestamp.class,
					cadence.id().value())
			.stream()
			.map(java.sql.Timestamp::toInstant)
			.toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.parse("2030-03-01T09:00:00Z"));
		}

	}

}
