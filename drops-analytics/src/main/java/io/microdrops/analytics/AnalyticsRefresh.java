package io.microdrops.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refreshes what needs all of a community's fans at once: retention per drop, for the
 * communities whose engagement changed since the last refresh (or whose drops were
 * scheduled, changed or unscheduled), and the month cohorts of the whole shop when
 * anything changed or a drop opened. Run once a minute by {@code AnalyticsRefreshJob}, on
 * one node at a time.
 */
@Service
public class AnalyticsRefresh {

	static final String RETENTION = """
			with d as (select id, community_id,
			                  row_number() over (partition by community_id order by opens_at, id) as number
			           from drops where scheduled and community_id = any(cast(? as uuid[]))),
			     w as (select f.drop_id, f.community_id, d.number,
			                  lag(d.number) over (partition by f.community_id, f.account_id order by d.number) as previous,
			                  lead(d.number) over (partition by f.community_id, f.account_id order by d.number) as next
			           from analytics_fan_drops f join d on d.id = f.drop_id)
			insert into analytics_drop_retention (drop_id, community_id, engaged, returning_fans, came_back)
			select drop_id, community_id, count(*), count(previous), count(*) filter (where next = number + 1)
			from w group by drop_id, community_id
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	AnalyticsRefresh(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Recomputes what changed since the last refresh.
	 * @return how many communities' retention was recomputed
	 */
	@Transactional
	public int refresh() {
		List<UUID> dirty = this.jdbc.sql("delete from analytics_dirty_communities returning community_id")
			.query(UUID.class)
			.list();
		if (!dirty.isEmpty()) {
			retention(dirty);
		}
		Instant now = this.clock.instant();
		Optional<Instant> computedAt = this.jdbc.sql("select month_cohorts_at from analytics_refreshes where id = 1")
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
		boolean dropOpened = computedAt.isPresent() && this.jdbc
			.sql("select exists (select 1 from drops where scheduled and opens_at > ? and opens_at <= ?)")
			.params(Timestamp.from(computedAt.get()), Timestamp.from(now))
			.query(Boolean.class)
			.single();
		if (!dirty.isEmpty() || computedAt.isEmpty() || dropOpened) {
			monthCohorts(now);
		}
		return dirty.size();
	}

	/** Recomputes everything, for every community. */
	@Transactional
	public void refreshAll() {
		this.jdbc.sql("delete from analytics_dirty_communities").update();
		retention(this.jdbc.sql("select id from communities").query(UUID.class).list());
		monthCohorts(this.clock.instant());
	}

	private void retention(List<UUID> communities) {
		String[] ids = communities.stream().map(UUID::toString).toArray(String[]::new);
		this.jdbc.sql("delete from analytics_drop_retention where community_id = any(cast(? as uuid[]))")
			.param(ids)
			.update();
		this.jdbc.sql(RETENTION).param(ids).update();
	}

	private void monthCohorts(Instant now) {
		this.jdbc.sql("delete from analytics_month_cohorts").update();
		this.jdbc.sql("delete from analytics_month_medians").update();
		String opened = """
				with d as (select d.id, c.time_zone,
				                  row_number() over (partition by d.community_id order by d.opens_at, d.id) as number,
				                  count(*) over (partition by d.community_id) as opened
				           from drops d join communities c on c.id = d.community_id
				           where d.scheduled and d.opens_at <= :now)
				""";
		this.jdbc.sql(opened + """
				insert into analytics_month_cohorts (month, later, gap, fans)
				select to_char(fc.first_order_at at time zone d1.time_zone, 'YYYY-MM'), d1.opened - d1.number,
				       d2.number - d1.number, count(*)
				from analytics_fan_communities fc join d d1 on d1.id = fc.first_drop_id
				left join d d2 on d2.id = fc.second_drop_id
				group by 1, 2, 3
				""").param("now", Timestamp.from(now)).update();
		this.jdbc
			.sql(opened
					+ """
							insert into analytics_month_medians (month, median_days)
							select to_char(fc.first_order_at at time zone d1.time_zone, 'YYYY-MM'),
							       percentile_cont(0.5) within group (order by extract(epoch from fc.second_order_at - fc.first_order_at))
							           / 86400
							from analytics_fan_communities fc join d d1 on d1.id = fc.first_drop_id
							where fc.second_order_at is not null
							group by 1
							""")
			.param("now", Timestamp.from(now))
			.update();
		this.jdbc.sql("""
				insert into analytics_refreshes (id, month_cohorts_at) values (1, ?)
				on conflict (id) do update set month_cohorts_at = excluded.month_cohorts_at
				""").param(Timestamp.from(now)).update();
	}

	/**
	 * Notes that a community's retention must be recomputed.
	 * @param community the community's id
	 */
	void markDirty(UUID community) {
		this.jdbc.sql("insert into analytics_dirty_communities (community_id) values (?) on conflict do nothing")
			.param(community)
			.update();
	}

}
