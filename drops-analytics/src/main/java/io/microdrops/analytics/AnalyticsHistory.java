package io.microdrops.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import io.microdrops.account.AccountId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * History in bulk: rebuilds every aggregate from the shop's own tables (orders,
 * reservations, waitlists, sell-outs) plus the recorded views, pickups and sell-outs, and
 * imports views and pickups of the past. Used once for a shop that sold before analytics
 * existed, and by the demo history.
 */
@Service
public class AnalyticsHistory {

	private static final Log logger = LogFactory.getLog(AnalyticsHistory.class);

	private static final int BATCH = 5_000;

	private final JdbcClient jdbc;

	private final AnalyticsRefresh refresh;

	private final Clock clock;

	AnalyticsHistory(JdbcClient jdbc, AnalyticsRefresh refresh, Clock clock) {
		this.jdbc = jdbc;
		this.refresh = refresh;
		this.clock = clock;
	}

	/**
	 * Recounts every aggregate from the facts. Takes the aggregate tables exclusively
	 * while it runs, so facts recorded meanwhile wait and are then found recorded.
	 * Waitlist joins count the fans on a waitlist now: those who left again before the
	 * first rebuild are not known.
	 */
	@Transactional
	public void rebuild() {
		long started = System.nanoTime();
		this.jdbc.sql("""
				lock table analytics_orders, analytics_reservations, analytics_fan_drops, analytics_fan_communities,
				           analytics_drop_totals in exclusive mode
				""").update();
		this.jdbc.sql("""
				truncate analytics_orders, analytics_reservations, analytics_fan_drops, analytics_fan_communities,
				         analytics_drop_totals
				""").update();
		this.jdbc.sql("""
				insert into analytics_orders (order_id, drop_id, sku_id, community_id, account_id, quantity,
				                              revenue_minor, currency, pickup, ordered_at)
				select o.id, i.drop_id, i.sku_id, d.community_id, o.account_id, o.quantity, o.total_minor, o.currency,
				       o.fulfilment_method = 'PICKUP', o.created_at
				from orders o join drop_items i on i.id = o.drop_item_id join drops d on d.id = i.drop_id
				-- Orders taken back (not collected, cancelled) were refunded: no sale.
				where o.status = 'PAID'
				""").update();
		this.jdbc.sql("""
				insert into analytics_reservations (reservation_id, drop_id, sku_id, community_id, account_id, quantity,
				                                    reserved_at)
				select r.id, i.drop_id, i.sku_id, d.community_id, r.account_id, r.quantity, r.created_at
				from reservations r join drop_items i on i.id = r.drop_item_id join drops d on d.id = i.drop_id
				""").update();
		// Sell-outs the shop recorded before analytics heard of them.
		this.jdbc.sql("""
				insert into analytics_sell_outs (drop_id, sold_out_at)
				select drop_id, sold_out_at from drop_sell_outs on conflict do nothing
				""").update();
		this.jdbc.sql("""
				insert into analytics_fan_drops (drop_id, account_id, community_id, viewed, waitlisted, reserved,
				                                 ordered, first_engaged_at)
				select drop_id, account_id, community_id, bool_or(kind = 'v'), bool_or(kind = 'w'), bool_or(kind = 'r'),
				       bool_or(kind = 'o'), min(at)
				from (select v.drop_id, v.account_id, d.community_id, 'v' as kind, v.first_viewed_at as at
				      from analytics_story_views v join drops d on d.id = v.drop_id where v.account_id is not null
				      union all
				      select w.drop_id, w.account_id, d.community_id, 'w', w.joined_at
				      from waitlist_entries w join drops d on d.id = w.drop_id
				      union all
				      select drop_id, account_id, community_id, 'r', reserved_at from analytics_reservations
				      union all
				      select drop_id, account_id, community_id, 'o', ordered_at from analytics_orders) as e
				group by drop_id, account_id, community_id
				""").update();
		this.jdbc.sql("""
				insert into analytics_fan_communities (community_id, account_id, first_drop_id, first_order_at,
				                                       second_drop_id, second_order_at, orders)
				with o as (select a.community_id, a.account_id, a.drop_id, a.ordered_at, a.order_id, d.opens_at
				           from analytics_orders a join drops d on d.id = a.drop_id),
				     f as (select distinct on (community_id, account_id) community_id, account_id, drop_id, ordered_at,
				                  opens_at
				           from o order by community_id, account_id, ordered_at, order_id),
				     s as (select distinct on (o.community_id, o.account_id) o.community_id, o.account_id, o.drop_id,
				                  o.ordered_at
				           from o join f on f.community_id = o.community_id and f.account_id = o.account_id
				           where o.drop_id <> f.drop_id and o.opens_at > f.opens_at
				           order by o.community_id, o.account_id, o.ordered_at, o.order_id),
				     n as (select community_id, account_id, count(*) as orders from o group by community_id, account_id)
				select f.community_id, f.account_id, f.drop_id, f.ordered_at, s.drop_id, s.ordered_at, n.orders
				from f join n on n.community_id = f.community_id and n.account_id = f.account_id
				left join s on s.community_id = f.community_id and s.account_id = f.account_id
				""").update();
		this.jdbc
			.sql("""
					insert into analytics_drop_totals (drop_id, viewers, waitlisted, reserved, holds, buyers,
					                                   waitlisted_buyers, orders, units, revenue_minor, currency, picked_up,
					                                   sold_out_at)
					select d.id, coalesce(v.viewers, 0), coalesce(fd.waitlisted, 0), coalesce(fd.reserved, 0),
					       coalesce(r.holds, 0), coalesce(fd.buyers, 0), coalesce(fd.waitlisted_buyers, 0),
					       coalesce(o.orders, 0), coalesce(o.units, 0), coalesce(o.revenue, 0), o.currency,
					       coalesce(p.picked_up, 0), so.sold_out_at
					from drops d
					left join (select drop_id, count(*) as viewers from analytics_story_views group by drop_id) v
					       on v.drop_id = d.id
					left join (select drop_id, count(*) filter (where waitlisted) as waitlisted,
					                  count(*) filter (where reserved) as reserved, count(*) filter (where ordered) as buyers,
					                  count(*) filter (where waitlisted and ordered) as waitlisted_buyers
					           from analytics_fan_drops group by drop_id) fd on fd.drop_id = d.id
					left join (select drop_id, count(*) as holds from analytics_reservations group by drop_id) r
					       on r.drop_id = d.id
					left join (select drop_id, count(*) as orders, sum(quantity) as units, sum(revenue_minor) as revenue,
					                  min(currency) as currency
					           from analytics_orders group by drop_id) o on o.drop_id = d.id
					left join (select a.drop_id, count(*) as picked_up
					           from analytics_pickups p join analytics_orders a on a.order_id = p.order_id
					           group by a.drop_id) p on p.drop_id = d.id
					left join analytics_sell_outs so on so.drop_id = d.id
					where v.drop_id is not null or fd.drop_id is not null or r.drop_id is not null or o.drop_id is not null
					   or so.drop_id is not null
					""")
			.update();
		this.refresh.refreshAll();
		for (String table : List.of("analytics_orders", "analytics_reservations", "analytics_fan_drops",
				"analytics_fan_communities", "analytics_drop_totals", "analytics_story_views")) {
			// Fresh statistics for the planner after a bulk load.
			this.jdbc.sql("analyze " + table).update();
		}
		this.jdbc.sql("""
				insert into analytics_rebuilds (id, rebuilt_at) values (1, ?)
				on conflict (id) do update set rebuilt_at = excluded.rebuilt_at
				""").param(java.sql.Timestamp.from(this.clock.instant())).update();
		logger.info("Analytics rebuilt from the shop's tables in " + (System.nanoTime() - started) / 1_000_000 + " ms");
	}

	/**
	 * Tells whether the aggregates were ever rebuilt.
	 * @return {@code true} after the first {@link #rebuild()}
	 */
	@Transactional(readOnly = true)
	public boolean everRebuilt() {
		return this.jdbc.sql("select exists (select 1 from analytics_rebuilds)").query(Boolean.class).single();
	}

	/**
	 * Imports story page views of the past as they are, visitor keys included; views
	 * already there are kept. Aggregates follow at the next {@link #rebuild()}.
	 * @param views the views
	 */
	@Transactional
	public void importViews(List<PastView> views) {
		for (int from = 0; from < views.size(); from += BATCH) {
			List<PastView> batch = views.subList(from, Math.min(views.size(), from + BATCH));
			this.jdbc.sql("""
					insert into analytics_story_views (drop_id, visitor, account_id, first_viewed_at, last_viewed_at,
					                                   views, last_sku_id, last_block)
					select * from unnest(?::uuid[], ?::text[], ?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::int[],
					                     ?::uuid[], ?::int[])
					on conflict do nothing
					""")
				.params(column(batch, PastView::drop), column(batch, PastView::visitorKey),
						column(batch, view -> (view.fan() != null) ? view.fan().value() : null),
						column(batch, PastView::firstAt), column(batch, PastView::lastAt),
						batch.stream().map(PastView::views).toArray(Integer[]::new), column(batch, PastView::lastSku),
						batch.stream().map(PastView::lastBlock).toArray(Integer[]::new))
				.update();
		}
	}

	/**
	 * Imports pickups of the past; pickups already there are kept. Aggregates follow at
	 * the next {@link #rebuild()}.
	 * @param pickups the orders and when each was picked up
	 */
	@Transactional
	public void importPickups(List<PastPickup> pickups) {
		for (int from = 0; from < pickups.size(); from += BATCH) {
			List<PastPickup> batch = pickups.subList(from, Math.min(pickups.size(), from + BATCH));
			this.jdbc.sql("""
					insert into analytics_pickups (order_id, picked_up_at)
					select * from unnest(?::uuid[], ?::timestamptz[]) on conflict do nothing
					""").params(column(batch, PastPickup::order), column(batch, PastPickup::at)).update();
		}
	}

	private static <T> String[] column(List<T> rows, Function<T, Object> value) {
		return rows.stream().map(value).map(v -> Objects.toString(v, null)).toArray(String[]::new);
	}

	/**
	 * A story page view of the past.
	 *
	 * @param drop the drop's id
	 * @param visitorKey the visitor's key: {@code fan:} and the account id for a fan,
	 * else {@code anon:} and an opaque value
	 * @param fan the fan, or {@code null} for an anonymous visitor
	 * @param firstAt the first view
	 * @param lastAt the last view
	 * @param views how many times the page was shown
	 * @param lastSku the SKU whose story block was last in view, or {@code null}
	 * @param lastBlock that block's position, or {@code null}
	 */
	public record PastView(UUID drop, String visitorKey, AccountId fan, Instant firstAt, Instant lastAt, int views,
			UUID lastSku, Integer lastBlock) {
	}

	/**
	 * An order picked up in the past.
	 *
	 * @param order the order's id
	 * @param at when it was handed over
	 */
	public record PastPickup(UUID order, Instant at) {
	}

}
