package io.microdrops.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What story page views keep about visitors: never an address, an anonymous key that
 * changes every day, nothing for browsers that opt out, nothing for robots.
 */
class StoryViewPrivacyIntegrationTests extends AnalyticsIntegrationTest {

	static final String SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15";

	DropId drop;

	Instant day;

	@BeforeEach
	void drop() {
		String community = this.fixtures.community();
		String sku = this.fixtures.sku();
		this.day = START.plus(Duration.ofDays(300));
		String slug = this.fixtures.drop(community, this.day, AccessMode.FIRST_COME, sku);
		this.drop = new DropId(this.fixtures.dropId(slug));
		this.clock.set(this.day);
	}

	@Test
	void keepsNoAddressAndAKeyThatChangesEveryDay() {
		Visitor visitor = new Visitor(null, "203.0.113.77", SAFARI, false);
		this.views.viewed(this.drop, visitor);
		this.views.flush();
		this.clock.set(this.day.plus(Duration.ofDays(1)));
		this.views.viewed(this.drop, visitor);
		this.views.flush();

		List<Map<String, Object>> rows = this.jdbc.queryForList("select * from analytics_story_views where drop_id = ?",
				this.drop.value());
		assertThat(rows).hasSize(2);
		assertThat(rows).allSatisfy(row -> {
			assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains("203.0.113"));
			assertThat((String) row.get("visitor")).startsWith("anon:");
			assertThat(row.get("account_id")).isNull();
		});
		assertThat(rows.get(0).get("visitor")).isNotEqualTo(rows.get(1).get("visitor"));
		// Yesterday's salt is gone: yesterday's keys can no longer be recomputed.
		assertThat(this.jdbc.queryForObject("select count(*) from analytics_visitor_salts where day = ?", Integer.class,
				LocalDate.of(2025, 11, 2)))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from analytics_visitor_salts where day = ?", Integer.class,
				LocalDate.of(2025, 11, 3)))
			.isOne();
	}

	@Test
	void countsASignedInFanByTheirAccountAndNotesTheirEngagement() {
		AccountId fan = this.fixtures.fan();
		this.views.viewed(this.drop, new Visitor(fan, "203.0.113.78", SAFARI, false));
		this.views.viewed(this.drop, new Visitor(fan, "203.0.113.79", SAFARI, false));
		this.views.flush();

		assertThat(this.jdbc.queryForMap(
				"select visitor, views from analytics_story_views where drop_id = ? and account_id = ?",
				this.drop.value(), fan.value()))
			.containsEntry("visitor", "fan:" + fan.value())
			.containsEntry("views", 2);
		assertThat(
				this.jdbc.queryForObject("select viewed from analytics_fan_drops where drop_id = ? and account_id = ?",
						Boolean.class, this.drop.value(), fan.value()))
			.isTrue();
	}

	@Test
	void countsNothingForBrowsersThatOptOutOrForRobots() {
		AccountId fan = this.fixtures.fan();
		assertThat(this.views.viewed(this.drop, new Visitor(null, "203.0.113.80", SAFARI, true))).isFalse();
		assertThat(this.views.viewed(this.drop, new Visitor(fan, "203.0.113.81", SAFARI, true))).isFalse();
		assertThat(this.views.viewed(this.drop, new Visitor(null, "203.0.113.82", "curl/8.14.1", false))).isFalse();
		assertThat(this.views.viewed(this.drop,
				new Visitor(null, "203.0.113.83", "Mozilla/5.0 (compatible; bingbot/2.0)", false)))
			.isFalse();
		assertThat(this.views.viewed(this.drop, new Visitor(null, "203.0.113.84", " ", false))).isFalse();
		this.views.flush();

		assertThat(viewRows()).isZero();
	}

	@Test
	void takesAVisitorAskingForPagesFasterThanAPersonCouldForARobot() {
		Visitor fast = new Visitor(null, "203.0.113.90", SAFARI, false);
		// The limit in tests is the default: 60 pages a minute.
		for (int view = 0; view < 60; view++) {
			assertThat(this.views.viewed(this.drop, fast)).isTrue();
		}
		assertThat(this.views.viewed(this.drop, fast)).isFalse();
		this.clock.set(this.day.plus(Duration.ofMinutes(5)));
		assertThat(this.views.viewed(this.drop, fast)).isFalse();
		this.views.flush();

		assertThat(viewRows()).isZero();
		Visitor person = new Visitor(null, "203.0.113.91", SAFARI, false);
		assertThat(this.views.viewed(this.drop, person)).isTrue();
		this.views.flush();
		assertThat(viewRows()).isEqualTo(1);
	}

	private int viewRows() {
		return this.jdbc.queryForObject("select count(*) from analytics_story_views where drop_id = ?", Integer.class,
				this.drop.value());
	}

}
