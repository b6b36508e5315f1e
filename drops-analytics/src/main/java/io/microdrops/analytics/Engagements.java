package io.microdrops.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.drop.DropId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what fans did — joined a waitlist, held units, bought, picked up — once per
 * source: recording the same order, hold or pickup again changes nothing, so a
 * redelivered event is harmless. Each fact updates the pre-aggregated tables the
 * dashboards read in the same transaction.
 * <p>
 * Orders taken back (refunded: not collected, or cancelled by ops) come from checkout's
 * {@code OrderReturned} and count as no sale.
 * <p>
 * Pickups come from fulfilment's {@code PickupCollected}, the moment a drop sold out from
 * checkout's {@code DropSoldOut}.
 */
@Service
public class Engagements {

	private final JdbcClient jdbc;

	private final AnalyticsRefresh refresh;

	private final Clock clock;

	Engagements(JdbcClient jdbc, AnalyticsRefresh refresh, Clock clock) {
		this.jdbc = jdbc;
		this.refresh = refresh;
		this.clock = clock;
	}

	/**
	 * Lists what analytics holds about one fan, oldest first: their orders, holds and
	 * drop-page views, with the drop and when.
	 * @param fan the fan
	 * @return their engagement events
	 */
	@Transactional(readOnly = true)
	public List<FanEvent> eventsOf(AccountId fan) {
		return this.jdbc.sql("""
				select 'ORDER' as kind, drop_id, quantity as amount, ordered_at as at
				from analytics_orders where account_id = :fan
				union all
				select 'RESERVATION', drop_id, quantity, reserved_at from analytics_reservations where account_id = :fan
				union all
				select 'STORY_VIEW', drop_id, views, last_viewed_at from analytics_story_views where account_id = :fan
				order by at
				""")
			.param("fan", fan.value())
			.query((rs, row) -> new FanEvent(rs.getString("kind"), rs.getObject("drop_id", UUID.class),
					rs.getInt("amount"), rs.getTimestamp("at").toInstant()))
			.list();
	}

	/**
	 * One thing a fan did, as analytics keeps it.
	 *
	 * @param kind {@code ORDER}, {@code RESERVATION} or {@code STORY_VIEW}
	 * @param drop the drop's id
	 * @param amount units ordered or held, or page views
	 * @param at when (the last view, for views)
	 */
	public record FanEvent(String kind, UUID drop, int amount, Instant at) {
	}

	/**
	 * Records a placed order.
	 * @param order the order's id
	 * @return {@code true} when recorded now, {@code false} when it had been recorded
	 * before, no such order exists or it was taken back already
	 */
	@Transactional
	public boolean orderPlaced(UUID order) {
		lockOn(order);
		Optional<Fact> found = this.jdbc.sql("""
				select i.drop_id, i.sku_id, d.community_id, o.account_id, o.quantity, o.total_minor, o.currency,
				       o.fulfilment_method = 'PICKUP' as pickup, o.created_at
				from orders o join drop_items i on i.id = o.drop_item_id join drops d on d.id = i.drop_id
				-- An order taken back before it was recorded here never counts.
				where o.id = ? and o.status = 'PAID'
				""")
			.param(order)
			.query((rs, row) -> new Fact(rs.getObject("drop_id", UUID.class), rs.getObject("sku_id", UUID.class),
					rs.getObject("community_id", UUID.class), rs.getObject("account_id", UUID.class),
					rs.getInt("quantity"), rs.getLong("total_minor"), rs.getString("currency"), rs.getBoolean("pickup"),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
		if (found.isEmpty()) {
			return false;
		}
		Fact fact = found.get();
		lockOnBuyer(fact.drop(), fact.fan());
		int inserted = this.jdbc.sql("""
				insert into analytics_orders (order_id, drop_id, sku_id, community_id, account_id, quantity,
				                              revenue_minor, currency, pickup, ordered_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
				""")
			.params(order, fact.drop(), fact.sku(), fact.community(), fact.fan(), fact.quantity(), fact.minor(),
					fact.currency(), fact.pickup(), Timestamp.from(fact.at()))
			.update();
		if (inserted == 0) {
			return false;
		}
		Optional<Flags> flipped = flag(Flag.ORDERED, fact.drop(), fact.fan(), fact.community(), fact.at());
		boolean pickedUpAlready = this.jdbc.sql("select exists (select 1 from analytics_pickups where order_id = ?)")
			.param(order)
			.query(Boolean.class)
			.single();
		recomputeFirstPurchases(fact.community(), fact.fan());
		this.jdbc.sql("""
				insert into analytics_drop_totals as t (drop_id, orders, units, revenue_minor, currency, buyers,
				                                        waitlisted_buyers, picked_up)
				values (:drop, 1, :units, :minor, :currency, :buyer, :waitlistedBuyer, :pickedUp)
				on conflict (drop_id) do update set orders = t.orders + 1, units = t.units + excluded.units,
				    revenue_minor = t.revenue_minor + excluded.revenue_minor,
				    currency = coalesce(t.currency, excluded.currency), buyers = t.buyers + excluded.buyers,
				    waitlisted_buyers = t.waitlisted_buyers + excluded.waitlisted_buyers,
				    picked_up = t.picked_up + excluded.picked_up
				""")
			.param("drop", fact.drop())
			.param("units", fact.quantity())
			.param("minor", fact.minor())
			.param("currency", fact.currency())
			.param("buyer", flipped.isPresent() ? 1 : 0)
			.param("waitlistedBuyer", flipped.filter(Flags::waitlisted).isPresent() ? 1 : 0)
			.param("pickedUp", pickedUpAlready ? 1 : 0)
			.update();
		return true;
	}

	/**
	 * Takes back the record of an order checkout took back (a pickup nobody collected, an
	 * order ops cancelled): refunded, it is no sale, so it leaves the drop's orders,
	 * units and revenue, the fan is no buyer of the drop unless another order of theirs
	 * is, and their first purchases are worked out again. Taking back again, or an order
	 * never recorded (whose record {@link #orderPlaced(UUID)} then refuses), changes
	 * nothing.
	 * @param order the order's id
	 * @return {@code true} when taken back now
	 */
	@Transactional
	public boolean orderReturned(UUID order) {
		lockOn(order);
		record Removed(UUID drop, UUID community, UUID fan, int quantity, long minor) {
		}
		// Whether the fan is still a buyer of the drop is decided one order at a time.
		this.jdbc.sql("select drop_id, account_id from analytics_orders where order_id = ?")
			.param(order)
			.query((rs, row) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.optional()
			.ifPresent(buyer -> lockOnBuyer(buyer[0], buyer[1]));
		Optional<Removed> removed = this.jdbc.sql("""
				delete from analytics_orders where order_id = ?
				returning drop_id, community_id, account_id, quantity, revenue_minor
				""")
			.param(order)
			.query((rs, row) -> new Removed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getInt(4), rs.getLong(5)))
			.optional();
		if (removed.isEmpty()) {
			return false;
		}
		Removed gone = removed.get();
		Optional<Boolean> noLongerBuyer = this.jdbc.sql("""
				update analytics_fan_drops f set ordered = false
				where f.drop_id = :drop and f.account_id = :fan and f.ordered
				  and not exists (select 1 from analytics_orders o where o.drop_id = :drop and o.account_id = :fan)
				returning f.waitlisted
				""").param("drop", gone.drop()).param("fan", gone.fan()).query(Boolean.class).optional();
		boolean pickedUp = this.jdbc.sql("select exists (select 1 from analytics_pickups where order_id = ?)")
			.param(order)
			.query(Boolean.class)
			.single();
		this.jdbc.sql("""
				update analytics_drop_totals set orders = orders - 1, units = units - :units,
				    revenue_minor = revenue_minor - :minor, buyers = buyers - :buyer,
				    waitlisted_buyers = waitlisted_buyers - :waitlistedBuyer, picked_up = picked_up - :pickedUp
				where drop_id = :drop
				""")
			.param("units", gone.quantity())
			.param("minor", gone.minor())
			.param("buyer", noLongerBuyer.isPresent() ? 1 : 0)
			.param("waitlistedBuyer", noLongerBuyer.filter(Boolean::booleanValue).isPresent() ? 1 : 0)
			.param("pickedUp", pickedUp ? 1 : 0)
			.param("drop", gone.drop())
			.update();
		this.jdbc.sql("""
				delete from analytics_fan_communities fc where fc.community_id = :community and fc.account_id = :fan
				  and not exists (select 1 from analytics_orders o
				                  where o.community_id = :community and o.account_id = :fan)
				""").param("community", gone.community()).param("fan", gone.fan()).update();
		recomputeFirstPurchases(gone.community(), gone.fan());
		this.refresh.markDirty(gone.community());
		return true;
	}

	/**
	 * Records a hold a fan took.
	 * @param reservation the reservation's id
	 * @return {@code true} when recorded now, {@code false} when recorded before or
	 * unknown
	 */
	@Transactional
	public boolean reserved(UUID reservation) {
		Optional<Fact> found = this.jdbc.sql("""
				select i.drop_id, i.sku_id, d.community_id, r.account_id, r.quantity, r.created_at
				from reservations r join drop_items i on i.id = r.drop_item_id join drops d on d.id = i.drop_id
				where r.id = ?
				""")
			.param(reservation)
			.query((rs, row) -> new Fact(rs.getObject("drop_id", UUID.class), rs.getObject("sku_id", UUID.class),
					rs.getObject("community_id", UUID.class), rs.getObject("account_id", UUID.class),
					rs.getInt("quantity"), 0, null, false, rs.getTimestamp("created_at").toInstant()))
			.optional();
		if (found.isEmpty()) {
			return false;
		}
		Fact fact = found.get();
		int inserted = this.jdbc.sql("""
				insert into analytics_reservations (reservation_id, drop_id, sku_id, community_id, account_id,
				                                    quantity, reserved_at)
				values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing
				""")
			.params(reservation, fact.drop(), fact.sku(), fact.community(), fact.fan(), fact.quantity(),
					Timestamp.from(fact.at()))
			.update();
		if (inserted == 0) {
			return false;
		}
		boolean flipped = flag(Flag.RESERVED, fact.drop(), fact.fan(), fact.community(), fact.at()).isPresent();
		this.jdbc.sql("""
				insert into analytics_drop_totals as t (drop_id, holds, reserved) values (?, 1, ?)
				on conflict (drop_id) do update set holds = t.holds + 1, reserved = t.reserved + excluded.reserved
				""").params(fact.drop(), flipped ? 1 : 0).update();
		return true;
	}

	/**
	 * Records that a fan joined a drop's waitlist. A fan who leaves and joins again
	 * counts once.
	 * @param drop the drop
	 * @param fan the fan
	 * @return {@code true} when recorded now, {@code false} when recorded before or the
	 * drop is unknown
	 */
	@Transactional
	public boolean joinedWaitlist(DropId drop, AccountId fan) {
		Optional<Joined> found = this.jdbc.sql("""
				select d.community_id,
				       (select joined_at from waitlist_entries w where w.drop_id = d.id and w.account_id = :fan) as at
				from drops d where d.id = :drop
				""")
			.param("drop", drop.value())
			.param("fan", fan.value())
			.query((rs, row) -> new Joined(rs.getObject("community_id", UUID.class),
					(rs.getTimestamp("at") != null) ? rs.getTimestamp("at").toInstant() : this.clock.instant()))
			.optional();
		if (found.isEmpty()) {
			return false;
		}
		Optional<Flags> flipped = flag(Flag.WAITLISTED, drop.value(), fan.value(), found.get().community(),
				found.get().at());
		if (flipped.isEmpty()) {
			return false;
		}
		this.jdbc.sql("""
				insert into analytics_drop_totals as t (drop_id, waitlisted, waitlisted_buyers) values (?, 1, ?)
				on conflict (drop_id) do update set waitlisted = t.waitlisted + 1,
				    waitlisted_buyers = t.waitlisted_buyers + excluded.waitlisted_buyers
				""").params(drop.value(), flipped.get().ordered() ? 1 : 0).update();
		return true;
	}

	/**
	 * Records that an order was handed over at a micro-hub. The order may be recorded
	 * before or after its pickup; the drop's count goes up once either way.
	 * @param order the order's id
	 * @param at when
	 * @return {@code true} when recorded now, {@code false} when recorded before
	 */
	@Transactional
	public boolean pickedUp(UUID order, Instant at) {
		lockOn(order);
		int inserted = this.jdbc
			.sql("insert into analytics_pickups (order_id, picked_up_at) values (?, ?) " + "on conflict do nothing")
			.params(order, Timestamp.from(at))
			.update();
		if (inserted == 0) {
			return false;
		}
		// Counted here when the order is known already, else when the order arrives.
		this.jdbc.sql("""
				update analytics_drop_totals t set picked_up = t.picked_up + 1
				from analytics_orders o where o.order_id = ? and t.drop_id = o.drop_id
				""").param(order).update();
		return true;
	}

	/**
	 * Records the moment a drop sold out, as the shop saw it: when its last free unit was
	 * claimed. The first moment recorded stays; a redelivered or later one changes
	 * nothing (units coming back after expired holds do not make a drop unsold).
	 * @param drop the drop
	 * @param at when its last unit was claimed
	 * @return {@code true} when recorded now, {@code false} when recorded before
	 */
	@Transactional
	public boolean soldOut(DropId drop, Instant at) {
		int inserted = this.jdbc
			.sql("insert into analytics_sell_outs (drop_id, sold_out_at) values (?, ?) on conflict do nothing")
			.params(drop.value(), Timestamp.from(at))
			.update();
		if (inserted == 0) {
			return false;
		}
		this.jdbc.sql("""
				insert into analytics_drop_totals as t (drop_id, sold_out_at) values (?, ?)
				on conflict (drop_id) do update set sold_out_at = excluded.sold_out_at
				""").params(drop.value(), Timestamp.from(at)).update();
		return true;
	}

	/**
	 * Marks a fan as having done something with a drop; the same fan and drop again
	 * changes nothing.
	 * @return the fan's flags for the drop after the change, empty when the flag was set
	 * already
	 */
	private Optional<Flags> flag(Flag flag, UUID drop, UUID fan, UUID community, Instant at) {
		Optional<Flags> flipped = this.jdbc.sql("""
				insert into analytics_fan_drops as f (drop_id, account_id, community_id, %1$s, first_engaged_at)
				values (?, ?, ?, true, ?)
				on conflict (drop_id, account_id) do update set %1$s = true,
				    first_engaged_at = least(f.first_engaged_at, excluded.first_engaged_at)
				where not f.%1$s
				returning f.waitlisted, f.ordered
				""".formatted(flag.column))
			.params(drop, fan, community, Timestamp.from(at))
			.query((rs, row) -> new Flags(rs.getBoolean("waitlisted"), rs.getBoolean("ordered")))
			.optional();
		if (flipped.isPresent()) {
			this.refresh.markDirty(community);
		}
		return flipped;
	}

	/**
	 * A fan's first purchase in the community and their first in a later drop, from all
	 * their recorded orders there, so orders recorded out of turn still give the right
	 * cohort.
	 */
	private void recomputeFirstPurchases(UUID community, UUID fan) {
		this.jdbc
			.sql("""
					insert into analytics_fan_communities as fc (community_id, account_id, first_drop_id, first_order_at,
					                                             second_drop_id, second_order_at, orders)
					select :community, :fan, f.drop_id, f.ordered_at, s.drop_id, s.ordered_at, n.orders
					from (select o.drop_id, o.ordered_at, d.opens_at from analytics_orders o join drops d on d.id = o.drop_id
					      where o.community_id = :community and o.account_id = :fan
					      order by o.ordered_at, o.order_id limit 1) f
					cross join (select count(*) as orders from analytics_orders
					            where community_id = :community and account_id = :fan) n
					left join lateral (select o.drop_id, o.ordered_at from analytics_orders o join drops d on d.id = o.drop_id
					                   where o.community_id = :community and o.account_id = :fan
					                     and o.drop_id <> f.drop_id and d.opens_at > f.opens_at
					                   order by o.ordered_at, o.order_id limit 1) s on true
					on conflict (community_id, account_id) do update set first_drop_id = excluded.first_drop_id,
					    first_order_at = excluded.first_order_at, second_drop_id = excluded.second_drop_id,
					    second_order_at = excluded.second_order_at, orders = excluded.orders
					""")
			.param("community", community)
			.param("fan", fan)
			.update();
	}

	// An order and its pickup take turns, so whichever comes second counts the pickup.
	private void lockOn(UUID order) {
		lock("analytics-order|" + order);
	}

	/**
	 * Orders of one fan in one drop are recorded and taken back one after the other, so
	 * each sees whether the other left the fan a buyer.
	 */
	private void lockOnBuyer(UUID drop, UUID fan) {
		lock("analytics-buyer|" + drop + "|" + fan);
	}

	private void lock(String key) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 7))")
			.param(key)
			.query((rs, row) -> rs.getObject(1))
			.list();
	}

	private enum Flag {

		WAITLISTED("waitlisted"), RESERVED("reserved"), ORDERED("ordered");

		private final String column;

		Flag(String column) {
			this.column = column;
		}

	}

	private record Fact(UUID drop, UUID sku, UUID community, UUID fan, int quantity, long minor, String currency,
			boolean pickup, Instant at) {
	}

	private record Flags(boolean waitlisted, boolean ordered) {
	}

	private record Joined(UUID community, Instant at) {
	}

}
