package io.microdrops.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboards' questions, answered from the pre-aggregated tables: how each drop did,
 * how cohorts of first-time buyers come back, how a community's fans return from one drop
 * to the next, and how a drop's story page turned visits into orders. Only drops that are
 * scheduled and have opened count; drops are numbered per community in the order they
 * opened.
 */
@Service
public class AnalyticsDashboards {

	/** The most later drops a cohort table shows. */
	public static final int MAX_LATER_DROPS = 12;

	private static final String OPENED_DROPS = """
			select d.id, d.slug, d.title, d.community_id, d.opens_at, d.early_access_at, c.slug as community_slug,
			       c.name as community, c.time_zone,
			       row_number() over (partition by d.community_id order by d.opens_at, d.id) as number,
			       count(*) over (partition by d.community_id) as opened,
			       lead(coalesce(least(d.closed_early_at, d.closes_at), d.closes_at))
			           over (partition by d.community_id order by d.opens_at, d.id) as next_closes_at
			from drops d join communities c on c.id = d.community_id
			where d.scheduled and d.opens_at <= :now and (cast(:community as text) is null or c.slug = :community)
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	AnalyticsDashboards(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Lists the communities to filter by.
	 * @return every community, by name
	 */
	@Transactional(readOnly = true)
	public List<CommunityChoice> communities() {
		return this.jdbc.sql("select slug, name from communities order by name, slug")
			.query((rs, row) -> new CommunityChoice(rs.getString("slug"), rs.getString("name")))
			.list();
	}

	/**
	 * Finds the community of the drop that opened last.
	 * @return its slug, empty before any drop opened
	 */
	@Transactional(readOnly = true)
	public Optional<String> latestCommunity() {
		return this.jdbc.sql("""
				select c.slug from drops d join communities c on c.id = d.community_id
				where d.scheduled and d.opens_at <= ? order by d.opens_at desc, d.slug limit 1
				""").param(Timestamp.from(this.clock.instant())).query(String.class).optional();
	}

	/**
	 * Sums up each drop that opened in the scope, newest first.
	 * @param scope the community (or all) and period
	 * @return one summary per drop
	 */
	@Transactional(readOnly = true)
	public List<DropSummary> drops(Scope scope) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("with d as (" + OPENED_DROPS + """
				)
				select d.slug, d.title, d.community, d.community_slug, d.time_zone, d.opens_at, d.early_access_at,
				       (select coalesce(sum(quantity), 0) from drop_items i where i.drop_id = d.id) as quantity,
				       coalesce(t.units, 0) as units, coalesce(t.revenue_minor, 0) as revenue_minor, t.currency,
				       t.sold_out_at, coalesce(t.viewers, 0) as viewers, coalesce(t.waitlisted, 0) as waitlisted,
				       coalesce(t.waitlisted_buyers, 0) as waitlisted_buyers, coalesce(t.reserved, 0) as reserved,
				       coalesce(t.buyers, 0) as buyers,
				       (select count(*) from analytics_fan_communities fc where fc.first_drop_id = d.id) as first_time
				from d left join analytics_drop_totals t on t.drop_id = d.id
				where d.opens_at >= :since
				order by d.opens_at desc, d.slug
				""")
			.param("now", Timestamp.from(now))
			.param("community", scope.community())
			.param("since", Timestamp.from(scope.period().since(now)))
			.query((rs, row) -> {
				Instant opensAt = rs.getTimestamp("opens_at").toInstant();
				return new DropSummary(rs.getString("slug"), rs.getString("title"), rs.getString("community"),
						rs.getString("community_slug"), opensAt, ZoneId.of(rs.getString("time_zone")),
						rs.getInt("quantity"), rs.getInt("units"), rs.getLong("revenue_minor"),
						rs.getString("currency"), sellOutTime(rs, opensAt), rs.getInt("viewers"),
						rs.getInt("waitlisted"), rs.getInt("waitlisted_buyers"), rs.getInt("reserved"),
						rs.getInt("buyers"), rs.getInt("first_time"));
			})
			.list();
	}

	/**
	 * Groups buyers into cohorts by the drop (or the month, in the community's time zone)
	 * of their first purchase in a community, and tells for each how many bought again by
	 * the 1st, 2nd… later drop of that community. A share is only given where every
	 * counted fan's community has had that many later drops; fans whose first drop has
	 * fewer later drops are left out of it.
	 * @param scope the community (or all) and the period in which cohorts started
	 * @param by drop or month
	 * @return the cohorts, oldest first, with the pooled repeat curve
	 */
	@Transactional(readOnly = true)
	public Cohorts cohorts(Scope scope, CohortBy by) {
		Instant now = this.clock.instant();
		String group = switch (by) {
			case DROP -> "d1.slug as key, d1.title as label, d1.community as community, d1.opens_at as starts";
			case MONTH -> "to_char(fc.first_order_at at time zone d1.time_zone, 'YYYY-MM') as key, "
					+ "to_char(fc.first_order_at at time zone d1.time_zone, 'YYYY-MM') as label, "
					+ "cast(null as text) as community, min(fc.first_order_at) as starts";
		};
		String groupBy = switch (by) {
			case DROP -> "d1.slug, d1.title, d1.community, d1.opens_at";
			case MONTH -> "to_char(fc.first_order_at at time zone d1.time_zone, 'YYYY-MM')";
		};
		String since = switch (by) {
			case DROP -> "d1.opens_at >= :since";
			case MONTH -> "to_char(fc.first_order_at at time zone d1.time_zone, 'YYYY-MM') >= :sinceMonth";
		};
		String sinceMonth = YearMonth.from(scope.period().since(now).atZone(ZoneOffset.UTC)).toString();
		if (by == CohortBy.MONTH && scope.community() == null) {
			return shopMonthCohorts(sinceMonth);
		}
		String from = "with d as (" + OPENED_DROPS + ") select " + group + ", %s from analytics_fan_communities fc "
				+ "join d d1 on d1.id = fc.first_drop_id left join d d2 on d2.id = fc.second_drop_id where " + since
				+ " group by " + groupBy + "%s";
		List<Cell> cells = this.jdbc.sql(from.formatted(
				"cast(d1.opened - d1.number as int) as later, cast(d2.number - d1.number as int) as gap, count(*) as fans",
				", d1.opened - d1.number, d2.number - d1.number"))
			.param("now", Timestamp.from(now))
			.param("community", scope.community())
			.param("since", Timestamp.from(scope.period().since(now)))
			.param("sinceMonth", sinceMonth)
			.query((rs, row) -> new Cell(rs.getString("key"), rs.getString("label"), rs.getString("community"),
					rs.getTimestamp("starts").toInstant(), rs.getInt("later"), rs.getObject("gap", Integer.class),
					rs.getInt("fans")))
			.list();
		Map<String, Double> medians = new LinkedHashMap<>();
		this.jdbc
			.sql(from
				.formatted(
						"percentile_cont(0.5) within group (order by extract(epoch from "
								+ "fc.second_order_at - fc.first_order_at)) / 86400 as median",
						" having count(fc.second_order_at) > 0")
				.replace(" where " + since, " where fc.second_order_at is not null and " + since))
			.param("now", Timestamp.from(now))
			.param("community", scope.community())
			.param("since", Timestamp.from(scope.period().since(now)))
			.param("sinceMonth", sinceMonth)
			.query((rs, row) -> medians.put(rs.getString("key"), rs.getDouble("median")))
			.list();
		return cohorts(by, cells, medians);
	}

	/**
	 * The whole shop's month cohorts, as of the last refresh.
	 */
	private Cohorts shopMonthCohorts(String sinceMonth) {
		List<Cell> cells = this.jdbc
			.sql("select month, later, gap, fans from analytics_month_cohorts where month >= ? order by month")
			.param(sinceMonth)
			.query((rs, row) -> new Cell(rs.getString("month"), rs.getString("month"), null,
					YearMonth.parse(rs.getString("month")).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
					rs.getInt("later"), rs.getObject("gap", Integer.class), rs.getInt("fans")))
			.list();
		Map<String, Double> medians = new LinkedHashMap<>();
		this.jdbc.sql("select month, median_days from analytics_month_medians where month >= ?")
			.param(sinceMonth)
			.query((rs, row) -> medians.put(rs.getString("month"), rs.getDouble("median_days")))
			.list();
		return cohorts(CohortBy.MONTH, cells, medians);
	}

	private static Cohorts cohorts(CohortBy by, List<Cell> cells, Map<String, Double> medians) {
		int laterDrops = Math.min(MAX_LATER_DROPS, cells.stream().mapToInt(Cell::later).max().orElse(0));
		Map<String, List<Cell>> byCohort = new LinkedHashMap<>();
		cells.stream()
			.sorted(Comparator.comparing(Cell::starts).thenComparing(Cell::key))
			.forEach(cell -> byCohort.computeIfAbsent(cell.key(), key -> new ArrayList<>()).add(cell));
		List<Cohort> rows = byCohort.values().stream().map(group1 -> {
			Cell first = group1.get(0);
			return new Cohort(first.key(), first.label(), first.community(), group1.stream().mapToInt(Cell::fans).sum(),
					group1.stream().filter(cell -> cell.gap() != null).mapToInt(Cell::fans).sum(),
					curve(group1, laterDrops), medians.get(first.key()));
		}).toList();
		return new Cohorts(by, laterDrops, rows, curve(cells, laterDrops));
	}

	/**
	 * For each drop of a community: the fans who engaged with it (viewed its page signed
	 * in, joined its waitlist, held or bought units), how many of them had engaged with
	 * an earlier drop of the community, and how many came back to the next drop. Coming
	 * back only counts once the next drop has opened and closed: while it is still open
	 * (or yet to open) fans may still come, so the drop has no retention figure. The
	 * counts are as of the last {@link AnalyticsRefresh#refresh() refresh} (at most a
	 * minute old).
	 * @param community the community's slug
	 * @param period the period in which the drops opened
	 * @return the drops in the order they opened; empty for an unknown community
	 */
	@Transactional(readOnly = true)
	public List<RetentionPoint> retention(String community, Period period) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("with d as (" + OPENED_DROPS + """
				)
				select d.number, d.slug, d.title, d.opens_at, d.time_zone, d.opened, coalesce(r.engaged, 0) as engaged,
				       coalesce(r.returning_fans, 0) as returning, coalesce(r.came_back, 0) as came_back,
				       coalesce(d.next_closes_at <= :now, false) as next_closed
				from d left join analytics_drop_retention r on r.drop_id = d.id
				where d.opens_at >= :since
				order by d.number
				""")
			.param("now", Timestamp.from(now))
			.param("community", community)
			.param("since", Timestamp.from(period.since(now)))
			.query((rs, row) -> new RetentionPoint(rs.getInt("number"), rs.getString("slug"), rs.getString("title"),
					rs.getTimestamp("opens_at").toInstant(), ZoneId.of(rs.getString("time_zone")), rs.getInt("engaged"),
					rs.getInt("returning"), rs.getInt("came_back"), rs.getBoolean("next_closed")))
			.list();
	}

	/**
	 * A drop's funnel: visitors of its page, fans who joined the waitlist, held units,
	 * bought and picked up; and per story on the page, how many visitors read at least
	 * into it (by the block that was last in view when they left), held and bought its
	 * SKU, with the block each reader left at.
	 * @param dropSlug the drop
	 * @return the funnel; empty for an unknown drop
	 */
	@Transactional(readOnly = true)
	public Optional<Funnel> funnel(String dropSlug) {
		Optional<Funnel> head = this.jdbc
			.sql("""
					select d.id, d.slug, d.title, d.opens_at, d.early_access_at, d.access_mode, c.name as community,
					       c.time_zone, (select coalesce(sum(quantity), 0) from drop_items i where i.drop_id = d.id) as quantity,
					       coalesce(t.viewers, 0) as viewers, coalesce(t.waitlisted, 0) as waitlisted,
					       coalesce(t.reserved, 0) as reserved, coalesce(t.buyers, 0) as buyers,
					       coalesce(t.units, 0) as units, coalesce(t.picked_up, 0) as picked_up, t.sold_out_at,
					       (select count(*) from analytics_orders o where o.drop_id = d.id and o.pickup) as pickup_orders,
					       (select count(*) from analytics_story_views v where v.drop_id = d.id and v.last_block is not null)
					           as reported
					from drops d join communities c on c.id = d.community_id
					left join analytics_drop_totals t on t.drop_id = d.id
					where d.slug = ?
					""")
			.param(dropSlug)
			.query((rs, row) -> {
				Instant opensAt = rs.getTimestamp("opens_at").toInstant();
				return new Funnel(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("title"),
						rs.getString("community"), rs.getString("access_mode"), opensAt,
						ZoneId.of(rs.getString("time_zone")), rs.getInt("quantity"), rs.getInt("viewers"),
						rs.getInt("reported"), rs.getInt("waitlisted"), rs.getInt("reserved"), rs.getInt("buyers"),
						rs.getInt("units"), rs.getInt("pickup_orders"), rs.getInt("picked_up"),
						sellOutTime(rs, opensAt), List.of());
			})
			.optional();
		return head.map(funnel -> funnel.withStories(stories(funnel.dropId())));
	}

	private List<StoryFunnel> stories(UUID drop) {
		record Item(int position, UUID sku, String slug, String name, int reserved, int buyers, int units) {
		}
		List<Item> items = this.jdbc.sql("""
				select i.position, s.id, s.slug, s.name,
				       (select count(distinct r.account_id) from analytics_reservations r
				        where r.drop_id = i.drop_id and r.sku_id = i.sku_id) as reserved,
				       (select count(distinct o.account_id) from analytics_orders o
				        where o.drop_id = i.drop_id and o.sku_id = i.sku_id) as buyers,
				       (select coalesce(sum(o.quantity), 0) from analytics_orders o
				        where o.drop_id = i.drop_id and o.sku_id = i.sku_id) as units
				from drop_items i join skus s on s.id = i.sku_id where i.drop_id = ? order by i.position, s.slug
				""")
			.param(drop)
			.query((rs, row) -> new Item(rs.getInt("position"), rs.getObject("id", UUID.class), rs.getString("slug"),
					rs.getString("name"), rs.getInt("reserved"), rs.getInt("buyers"), rs.getInt("units")))
			.list();
		Map<UUID, Map<Integer, Integer>> exits = new LinkedHashMap<>();
		this.jdbc.sql("""
				select v.last_sku_id, v.last_block, count(*) as visitors from analytics_story_views v
				where v.drop_id = ? and v.last_block is not null group by v.last_sku_id, v.last_block
				""")
			.param(drop)
			.query((rs, row) -> exits
				.computeIfAbsent(rs.getObject("last_sku_id", UUID.class), key -> new LinkedHashMap<>())
				.put(rs.getInt("last_block"), rs.getInt("visitors")))
			.list();
		Map<UUID, List<String>> kinds = new LinkedHashMap<>();
		this.jdbc.sql("""
				select b.sku_id, b.kind from sku_story_blocks b
				where b.sku_id in (select sku_id from drop_items where drop_id = ?) order by b.sku_id, b.position
				""")
			.param(drop)
			.query((rs, row) -> kinds.computeIfAbsent(rs.getObject("sku_id", UUID.class), key -> new ArrayList<>())
				.add(rs.getString("kind")))
			.list();
		List<StoryFunnel> stories = new ArrayList<>();
		for (int index = 0; index < items.size(); index++) {
			Item item = items.get(index);
			int reached = 0;
			for (Item later : items.subList(index, items.size())) {
				reached += exits.getOrDefault(later.sku(), Map.of())
					.values()
					.stream()
					.mapToInt(Integer::intValue)
					.sum();
			}
			List<String> blockKinds = kinds.getOrDefault(item.sku(), List.of());
			List<BlockExit> blocks = new ArrayList<>();
			for (int position = 0; position < blockKinds.size(); position++) {
				blocks.add(new BlockExit(position, blockKinds.get(position),
						exits.getOrDefault(item.sku(), Map.of()).getOrDefault(position, 0)));
			}
			stories.add(new StoryFunnel(item.slug(), item.name(), reached, item.reserved(), item.buyers(), item.units(),
					blocks));
		}
		return stories;
	}

	private static Duration sellOutTime(ResultSet rs, Instant opensAt) throws SQLException {
		Timestamp soldOut = rs.getTimestamp("sold_out_at");
		if (soldOut == null) {
			return null;
		}
		Timestamp earlyAccess = rs.getTimestamp("early_access_at");
		Instant start = (earlyAccess != null) ? earlyAccess.toInstant() : opensAt;
		return Duration.between(start, soldOut.toInstant());
	}

	/**
	 * The cumulative share of fans who bought again by each later drop, among the fans
	 * whose community has had that many later drops.
	 */
	private static List<Double> curve(List<Cell> cells, int laterDrops) {
		List<Double> shares = new ArrayList<>();
		for (int k = 1; k <= laterDrops; k++) {
			int eligible = 0;
			int repeated = 0;
			for (Cell cell : cells) {
				if (cell.later() >= k) {
					eligible += cell.fans();
					if (cell.gap() != null && cell.gap() <= k) {
						repeated += cell.fans();
					}
				}
			}
			shares.add((eligible > 0) ? (double) repeated / eligible : null);
		}
		return shares;
	}

	private record Cell(String key, String label, String community, Instant starts, int later, Integer gap, int fans) {
	}

	/**
	 * What a dashboard looks at.
	 *
	 * @param community a community's slug, or {@code null} for all
	 * @param period how far back
	 */
	public record Scope(String community, Period period) {
	}

	/**
	 * A community to filter by.
	 *
	 * @param slug its slug
	 * @param name its name
	 */
	public record CommunityChoice(String slug, String name) {
	}

	/**
	 * How cohorts are formed.
	 */
	public enum CohortBy {

		/** By the drop of the first purchase. */
		DROP,

		/** By the calendar month of the first purchase. */
		MONTH

	}

	/**
	 * How one drop did.
	 *
	 * @param slug the drop's slug
	 * @param title its title
	 * @param community its community's name
	 * @param communitySlug its community's slug
	 * @param opensAt when it opened
	 * @param zone the community's time zone
	 * @param quantity units released
	 * @param units units sold
	 * @param revenueMinor revenue in minor units
	 * @param currency the revenue's currency, or {@code null} before the first order
	 * @param timeToSellOut from the first moment fans could buy to the moment its last
	 * free unit was claimed (checkout's sell-out), or {@code null} if it never sold out
	 * @param viewers visitors of its page
	 * @param waitlisted fans who joined its waitlist
	 * @param waitlistedBuyers of those, fans who bought
	 * @param reserved fans who held units
	 * @param buyers fans who bought
	 * @param firstTimeBuyers buyers whose first purchase in the community this was
	 */
	public record DropSummary(String slug, String title, String community, String communitySlug, Instant opensAt,
			ZoneId zone, int quantity, int units, long revenueMinor, String currency, Duration timeToSellOut,
			int viewers, int waitlisted, int waitlistedBuyers, int reserved, int buyers, int firstTimeBuyers) {

		/**
		 * Share of released units sold.
		 * @return from 0 to 1, {@code null} for a drop without units
		 */
		public Double sellThrough() {
			return ratio(this.units, this.quantity);
		}

		/**
		 * Share of waitlisted fans who bought.
		 * @return from 0 to 1, {@code null} without a waitlist
		 */
		public Double waitlistConversion() {
			return ratio(this.waitlistedBuyers, this.waitlisted);
		}

		/**
		 * Buyers who had bought in an earlier drop of the community.
		 * @return their number
		 */
		public int repeatBuyers() {
			return this.buyers - this.firstTimeBuyers;
		}

		/**
		 * Share of buyers buying for the first time in the community.
		 * @return from 0 to 1, {@code null} without buyers
		 */
		public Double firstTimeShare() {
			return ratio(this.firstTimeBuyers, this.buyers);
		}

	}

	/**
	 * Cohorts and their repeat purchases.
	 *
	 * @param by how they are formed
	 * @param laterDrops how many later drops the table shows (at most
	 * {@link #MAX_LATER_DROPS})
	 * @param rows the cohorts, oldest first
	 * @param pooled the share of all these fans who bought again by the 1st, 2nd… later
	 * drop
	 */
	public record Cohorts(CohortBy by, int laterDrops, List<Cohort> rows, List<Double> pooled) {
	}

	/**
	 * One cohort.
	 *
	 * @param key the drop's slug or the month ({@code 2026-03})
	 * @param label the drop's title or the month
	 * @param community the drop's community, {@code null} for a month
	 * @param size fans in it
	 * @param repeaters fans who bought again in a later drop, so far
	 * @param repeatShares the share who bought again by the 1st, 2nd… later drop;
	 * {@code null} where none of its fans has had that many later drops yet
	 * @param medianDaysToSecond median days from the first purchase to the first in a
	 * later drop, among those who bought again; {@code null} when nobody did
	 */
	public record Cohort(String key, String label, String community, int size, int repeaters, List<Double> repeatShares,
			Double medianDaysToSecond) {
	}

	/**
	 * One drop in a community's retention.
	 *
	 * @param number its number in the community (1 for the first that opened)
	 * @param slug the drop's slug
	 * @param title its title
	 * @param opensAt when it opened
	 * @param zone the community's time zone
	 * @param engaged fans who engaged with it
	 * @param returning of those, fans who had engaged with an earlier drop
	 * @param cameBack of those, fans who engaged with the next drop
	 * @param nextClosed whether the next drop has opened and closed, so that coming back
	 * counts
	 */
	public record RetentionPoint(int number, String slug, String title, Instant opensAt, ZoneId zone, int engaged,
			int returning, int cameBack, boolean nextClosed) {

		/**
		 * Fans engaging with the community's drops for the first time.
		 * @return their number
		 */
		public int newcomers() {
			return this.engaged - this.returning;
		}

		/**
		 * Share of engaged fans who came back to the next drop.
		 * @return from 0 to 1; {@code null} until the next drop has opened and closed, or
		 * without fans
		 */
		public Double retention() {
			return this.nextClosed ? ratio(this.cameBack, this.engaged) : null;
		}

	}

	/**
	 * A drop's funnel.
	 *
	 * @param dropId the drop's id
	 * @param slug its slug
	 * @param title its title
	 * @param community its community's name
	 * @param accessMode its access mode
	 * @param opensAt when it opened
	 * @param zone the community's time zone
	 * @param quantity units released
	 * @param viewers visitors of its page
	 * @param viewersReportingBlock of those, visitors whose page reported the block last
	 * in view
	 * @param waitlisted fans who joined the waitlist
	 * @param reserved fans who held units
	 * @param buyers fans who bought
	 * @param units units sold
	 * @param pickupOrders orders to be picked up at a micro-hub
	 * @param pickedUp of those, orders picked up
	 * @param timeToSellOut from the first moment fans could buy to the moment its last
	 * free unit was claimed (checkout's sell-out), or {@code null} if it never sold out
	 * @param stories per SKU on the page, in page order
	 */
	public record Funnel(UUID dropId, String slug, String title, String community, String accessMode, Instant opensAt,
			ZoneId zone, int quantity, int viewers, int viewersReportingBlock, int waitlisted, int reserved, int buyers,
			int units, int pickupOrders, int pickedUp, Duration timeToSellOut, List<StoryFunnel> stories) {

		Funnel withStories(List<StoryFunnel> stories) {
			return new Funnel(this.dropId, this.slug, this.title, this.community, this.accessMode, this.opensAt,
					this.zone, this.quantity, this.viewers, this.viewersReportingBlock, this.waitlisted, this.reserved,
					this.buyers, this.units, this.pickupOrders, this.pickedUp, this.timeToSellOut, stories);
		}

		/**
		 * The steps from visit to order, each with its rate from the step before.
		 * @return viewed, waitlisted, held, bought
		 */
		public List<Step> steps() {
			return List.of(new Step("viewed", this.viewers, null),
					new Step("waitlisted", this.waitlisted, ratio(this.waitlisted, this.viewers)),
					new Step("reserved", this.reserved, ratio(this.reserved, this.waitlisted)),
					new Step("ordered", this.buyers, ratio(this.buyers, this.reserved)));
		}

		/**
		 * Share of released units sold.
		 * @return from 0 to 1, {@code null} without units
		 */
		public Double sellThrough() {
			return ratio(this.units, this.quantity);
		}

	}

	/**
	 * A funnel step.
	 *
	 * @param name {@code viewed}, {@code waitlisted}, {@code reserved} or {@code ordered}
	 * @param count people at this step
	 * @param rate the count over the step before's; {@code null} for the first step or
	 * when the step before has nobody
	 */
	public record Step(String name, int count, Double rate) {
	}

	/**
	 * One SKU's story on a drop's page.
	 *
	 * @param sku the SKU's slug
	 * @param name its name
	 * @param reached visitors whose last block in view was in this story or a later one
	 * on the page
	 * @param reserved fans who held units of it
	 * @param buyers fans who bought it
	 * @param units units sold
	 * @param blocks each block of the story with the visitors who left while it was in
	 * view
	 */
	public record StoryFunnel(String sku, String name, int reached, int reserved, int buyers, int units,
			List<BlockExit> blocks) {
	}

	/**
	 * A story block and the visitors who left while it was the last in view.
	 *
	 * @param position its position in the story, from 0
	 * @param kind its kind ({@code HERO}, {@code TEXT}…)
	 * @param exits visitors who left there
	 */
	public record BlockExit(int position, String kind, int exits) {
	}

	static Double ratio(int part, int whole) {
		return (whole > 0) ? (double) part / whole : null;
	}

}
