package io.microdrops.analytics;

import java.time.Duration;
import java.util.List;

import io.microdrops.account.AccountId;
import io.microdrops.analytics.AnalyticsDashboards.Cohort;
import io.microdrops.analytics.AnalyticsDashboards.CohortBy;
import io.microdrops.analytics.AnalyticsDashboards.Cohorts;
import io.microdrops.analytics.AnalyticsDashboards.RetentionPoint;
import io.microdrops.analytics.AnalyticsDashboards.Scope;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Cohorts and retention on a small fixed history, checked against numbers worked out by
 * hand. Community A has four drops a fortnight apart (D1…D4), community B one drop (E1).
 * <pre>
 * fan  bought in           also
 * f1   D1, D2, E1
 * f2   D1, D3
 * f3   D1                  joined D2's waitlist
 * f4   D2, D4              (first purchase in a later drop)
 * f5   D2 twice
 * f6   D3                  viewed D4's page, signed in
 * f7   E1
 * </pre>
 */
class CohortsAndRetentionIntegrationTests extends AnalyticsIntegrationTest {

	String a;

	String b;

	List<String> drops;

	String e1;

	@BeforeEach
	void history() {
		this.a = this.fixtures.community();
		this.b = this.fixtures.community();
		String sku = this.fixtures.sku();
		String other = this.fixtures.sku();
		this.drops = List.of(0, 1, 2, 3)
			.stream()
			.map(n -> this.fixtures.drop(this.a, START.plus(Duration.ofDays(14L * n)), AccessMode.FIRST_COME, sku,
					other))
			.toList();
		this.e1 = this.fixtures.drop(this.b, START.plus(Duration.ofDays(3)), AccessMode.FIRST_COME, sku);
		AccountId f1 = this.fixtures.fan();
		AccountId f2 = this.fixtures.fan();
		AccountId f3 = this.fixtures.fan();
		AccountId f4 = this.fixtures.fan();
		AccountId f5 = this.fixtures.fan();
		AccountId f6 = this.fixtures.fan();
		AccountId f7 = this.fixtures.fan();
		this.fixtures.buys(f1, drop(1), sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f2, drop(1), sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f3, drop(1), sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f1, this.e1, sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f7, this.e1, sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.joinsWaitlist(f3, drop(2));
		this.fixtures.buys(f1, drop(2), sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f4, drop(2), sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f5, drop(2), sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f5, drop(2), other, 2, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f2, drop(3), sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f6, drop(3), sku, 1, AnalyticsFixtures.SHIPPING);
		this.fixtures.buys(f4, drop(4), sku, 1, AnalyticsFixtures.PICKUP);
		this.clock.set(START.plus(Duration.ofDays(42 + 1)));
		this.views.viewed(new DropId(this.fixtures.dropId(drop(4))),
				new Visitor(f6, "192.0.2.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", false));
		this.views.flush();
		this.clock.set(START.plus(Duration.ofDays(60)));
		eventually(this::recordedOrders, 12);
		eventually(this::recordedWaitlistJoins, 1);
		this.refresh.refresh();
	}

	@Test
	void groupsBuyersByTheDropOfTheirFirstPurchaseAndCountsWhoBoughtAgainByEachLaterDrop() {
		Cohorts cohorts = this.dashboards.cohorts(new Scope(this.a, Period.ALL), CohortBy.DROP);

		assertThat(cohorts.laterDrops()).isEqualTo(3);
		assertThat(cohorts.rows()).extracting(Cohort::key).containsExactly(drop(1), drop(2), drop(3));
		Cohort first = cohorts.rows().get(0);
		assertThat(first.size()).isEqualTo(3);
		assertThat(first.repeaters()).isEqualTo(2);
		assertThat(first.repeatShares()).containsExactly(1.0 / 3, 2.0 / 3, 2.0 / 3);
		assertThat(first.medianDaysToSecond()).isCloseTo(21.0, within(0.001));
		// f4's first purchase is in D2; f5 bought twice in D2, which is no second drop.
		Cohort second = cohorts.rows().get(1);
		assertThat(second.size()).isEqualTo(2);
		assertThat(second.repeatShares()).containsExactly(0.0, 0.5, null);
		assertThat(second.medianDaysToSecond()).isCloseTo(28.0, within(0.001));
		Cohort third = cohorts.rows().get(2);
		assertThat(third.size()).isEqualTo(1);
		assertThat(third.repeatShares()).containsExactly(0.0, null, null);
		assertThat(third.medianDaysToSecond()).isNull();
		assertThat(cohorts.pooled()).containsExactly(1.0 / 6, 3.0 / 5, 2.0 / 3);
	}

	@Test
	void aCommunityWithOneDropHasACohortWithNoLaterDropToCount() {
		Cohorts cohorts = this.dashboards.cohorts(new Scope(this.b, Period.ALL), CohortBy.DROP);

		assertThat(cohorts.laterDrops()).isZero();
		assertThat(cohorts.rows()).singleElement().satisfies(cohort -> {
			assertThat(cohort.key()).isEqualTo(this.e1);
			assertThat(cohort.size()).isEqualTo(2);
			assertThat(cohort.repeaters()).isZero();
			assertThat(cohort.repeatShares()).isEmpty();
			assertThat(cohort.medianDaysToSecond()).isNull();
		});
		assertThat(this.dashboards.retention(this.b, Period.ALL)).singleElement().satisfies(drop -> {
			assertThat(drop.engaged()).isEqualTo(2);
			assertThat(drop.returning()).isZero();
			assertThat(drop.retention()).isNull();
		});
	}

	@Test
	void groupsBuyersByTheMonthOfTheirFirstPurchase() {
		Cohorts cohorts = this.dashboards.cohorts(new Scope(this.a, Period.ALL), CohortBy.MONTH);

		// D1 (6 Jan) and D2 (20 Jan) are January; D3 (3 Feb) is February.
		assertThat(cohorts.rows()).extracting(Cohort::key).containsExactly("2025-01", "2025-02");
		Cohort january = cohorts.rows().get(0);
		assertThat(january.size()).isEqualTo(5);
		// By the 1st later drop: f1 of 5; by the 2nd: f1, f2, f4 of 5; by the 3rd only
		// D1's three fans have had three later drops: f1, f2.
		assertThat(january.repeatShares()).containsExactly(1.0 / 5, 3.0 / 5, 2.0 / 3);
		assertThat(cohorts.rows().get(1).repeatShares()).containsExactly(0.0, null, null);
	}

	@Test
	void theShopsMonthCohortsAddUpEveryCommunitysMonthCohorts() {
		Cohorts shop = this.dashboards.cohorts(new Scope(null, Period.ALL), CohortBy.MONTH);

		int january = this.dashboards.communities()
			.stream()
			.flatMap(community -> this.dashboards.cohorts(new Scope(community.slug(), Period.ALL), CohortBy.MONTH)
				.rows()
				.stream())
			.filter(cohort -> cohort.key().equals("2025-01"))
			.mapToInt(Cohort::size)
			.sum();
		assertThat(shop.rows()).filteredOn(cohort -> cohort.key().equals("2025-01"))
			.singleElement()
			.satisfies(cohort -> assertThat(cohort.size()).isEqualTo(january).isGreaterThanOrEqualTo(5));
	}

	@Test
	void countsPerDropTheFansWhoEngagedWhoHadEngagedBeforeAndWhoCameBackToTheNext() {
		List<RetentionPoint> retention = this.dashboards.retention(this.a, Period.ALL);

		assertThat(retention).extracting(RetentionPoint::slug).containsExactlyElementsOf(this.drops);
		assertThat(retention).extracting(RetentionPoint::engaged).containsExactly(3, 4, 2, 2);
		assertThat(retention).extracting(RetentionPoint::returning).containsExactly(0, 2, 1, 2);
		assertThat(retention).extracting(RetentionPoint::newcomers).containsExactly(3, 2, 1, 0);
		assertThat(retention).extracting(RetentionPoint::cameBack).containsExactly(2, 0, 1, 0);
		assertThat(retention).extracting(RetentionPoint::retention).containsExactly(2.0 / 3, 0.0, 0.5, null);
	}

	@Test
	void aDropWhoseNextDropIsStillOpenHasNoRetentionYet() {
		// D4 opened at day 42 and closes at day 44: fans may still come back to it.
		this.clock.set(START.plus(Duration.ofDays(43)));

		List<RetentionPoint> retention = this.dashboards.retention(this.a, Period.ALL);

		assertThat(retention).extracting(RetentionPoint::slug).containsExactlyElementsOf(this.drops);
		assertThat(retention).extracting(RetentionPoint::nextClosed).containsExactly(true, true, false, false);
		assertThat(retention).extracting(RetentionPoint::retention).containsExactly(2.0 / 3, 0.0, null, null);
	}

	@Test
	void aDropWhoseNextDropHasNotOpenedHasNoRetentionYet() {
		// D3 opened at day 28 and closed at day 30; D4 opens at day 42.
		this.clock.set(START.plus(Duration.ofDays(41)));

		List<RetentionPoint> retention = this.dashboards.retention(this.a, Period.ALL);

		assertThat(retention).extracting(RetentionPoint::slug).containsExactly(drop(1), drop(2), drop(3));
		assertThat(retention).extracting(RetentionPoint::retention).containsExactly(2.0 / 3, 0.0, null);
	}

	@Test
	void aNextDropClosedEarlyLetsTheRetentionCount() {
		this.clock.set(START.plus(Duration.ofDays(43)));
		this.jdbc.update("update drops set closed_early_at = ? where slug = ?",
				java.sql.Timestamp.from(START.plus(Duration.ofDays(42).plusHours(12))), drop(4));

		assertThat(this.dashboards.retention(this.a, Period.ALL)).extracting(RetentionPoint::retention)
			.containsExactly(2.0 / 3, 0.0, 0.5, null);
	}

	@Test
	void summarisesEachDropWithFirstTimeAndRepeatBuyers() {
		var summaries = this.dashboards.drops(new Scope(this.a, Period.ALL));

		assertThat(summaries).extracting(AnalyticsDashboards.DropSummary::slug)
			.containsExactly(drop(4), drop(3), drop(2), drop(1));
		var second = summaries.get(2);
		assertThat(second.buyers()).isEqualTo(3);
		assertThat(second.firstTimeBuyers()).isEqualTo(2);
		assertThat(second.repeatBuyers()).isEqualTo(1);
		assertThat(second.units()).isEqualTo(5);
		assertThat(second.revenueMinor()).isEqualTo(5 * 2000);
		assertThat(second.quantity()).isEqualTo(40);
		assertThat(second.sellThrough()).isEqualTo(0.125);
		assertThat(second.waitlisted()).isEqualTo(1);
		assertThat(second.waitlistConversion()).isEqualTo(0.0);
		assertThat(second.timeToSellOut()).isNull();
	}

	@Test
	void rebuildingFromTheShopsTablesGivesTheSameNumbers() {
		Cohorts cohorts = this.dashboards.cohorts(new Scope(this.a, Period.ALL), CohortBy.DROP);
		List<RetentionPoint> retention = this.dashboards.retention(this.a, Period.ALL);
		var summaries = this.dashboards.drops(new Scope(this.a, Period.ALL));

		this.history.rebuild();

		assertThat(this.dashboards.cohorts(new Scope(this.a, Period.ALL), CohortBy.DROP)).isEqualTo(cohorts);
		assertThat(this.dashboards.retention(this.a, Period.ALL)).isEqualTo(retention);
		assertThat(this.dashboards.drops(new Scope(this.a, Period.ALL))).isEqualTo(summaries);
	}

	@Test
	void thePeriodLeavesOutDropsThatOpenedBeforeIt() {
		// The clock stands at START + 60 days; the last 3 months hold all of A's drops.
		assertThat(this.dashboards.drops(new Scope(this.a, Period.LAST_3_MONTHS))).hasSize(4);
		this.clock.set(START.plus(Duration.ofDays(42 + 80)));
		assertThat(this.dashboards.drops(new Scope(this.a, Period.LAST_3_MONTHS))).extracting(s -> s.slug())
			.containsExactly(drop(4));
	}

	private String drop(int number) {
		return this.drops.get(number - 1);
	}

	private int recordedOrders() {
		return this.jdbc.queryForObject(
				"select count(*) from analytics_orders o join drops d on d.id = o.drop_id "
						+ "join communities c on c.id = d.community_id where c.slug in (?, ?)",
				Integer.class, this.a, this.b);
	}

	private int recordedWaitlistJoins() {
		return this.jdbc.queryForObject("select count(*) from analytics_fan_drops f join communities c "
				+ "on c.id = f.community_id where c.slug = ? and f.waitlisted", Integer.class, this.a);
	}

}
