package io.microdrops.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.drop.DropId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a drop sold, read straight from the holds and orders, for its transparency page:
 * units per item and {@link Channel channel} (sold and still held), units per way of
 * fulfilment and hub, the fans served and the moment it first sold out. All figures come
 * from one read-only transaction, so they agree with one another.
 */
@Service
public class DropSales {

	private final JdbcClient jdbc;

	DropSales(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Returns a drop's sales as the database has them now.
	 * @param drop the drop
	 * @return the figures; empty lists for a drop nobody bought from
	 */
	@Transactional(readOnly = true)
	public Figures of(DropId drop) {
		List<ItemChannel> channels = this.jdbc.sql("""
				select r.drop_item_id, r.channel,
				       coalesce(sum(r.quantity) filter (where r.status = 'ORDERED'), 0) as sold,
				       coalesce(sum(r.quantity) filter (where r.status = 'HELD'), 0) as held
				from reservations r join drop_items i on i.id = r.drop_item_id
				where i.drop_id = ? and r.status in ('ORDERED', 'HELD')
				  -- An order taken back (a pickup nobody collected, an order ops cancelled) was
				  -- refunded and its unit went back: not sold.
				  and not exists (select 1 from orders o where o.reservation_id = r.id and o.status <> 'PAID')
				group by r.drop_item_id, r.channel
				order by r.drop_item_id, r.channel
				""")
			.param(drop.value())
			.query((rs, row) -> new ItemChannel(rs.getObject(1, UUID.class),
					(rs.getString(2) != null) ? Channel.valueOf(rs.getString(2)) : null, rs.getInt(3), rs.getInt(4)))
			.list();
		List<FulfilmentLine> fulfilment = this.jdbc.sql("""
				select o.fulfilment_method, o.fulfilment_hub, count(*), sum(o.quantity)
				from orders o join drop_items i on i.id = o.drop_item_id
				where i.drop_id = ? and o.status = 'PAID'
				group by o.fulfilment_method, o.fulfilment_hub
				order by o.fulfilment_method, o.fulfilment_hub nulls last
				""")
			.param(drop.value())
			.query((rs, row) -> new FulfilmentLine(Fulfilment.Method.valueOf(rs.getString(1)), rs.getString(2),
					rs.getInt(3), rs.getInt(4)))
			.list();
		int fans = this.jdbc.sql("""
				select count(distinct o.account_id) from orders o join drop_items i on i.id = o.drop_item_id
				where i.drop_id = ? and o.status = 'PAID'
				""").param(drop.value()).query(Integer.class).single();
		Instant soldOutAt = this.jdbc.sql("select sold_out_at from drop_sell_outs where drop_id = ?")
			.param(drop.value())
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.optional()
			.orElse(null);
		return new Figures(channels, fulfilment, fans, soldOutAt);
	}

	/**
	 * A drop's sales.
	 *
	 * @param channels units per item and channel that were sold or are held, only pairs
	 * with any
	 * @param fulfilment orders and units per way of fulfilment and hub
	 * @param fansServed distinct fans with a paid order
	 * @param soldOutAt when every unit was first held or sold, or {@code null} if never
	 */
	public record Figures(List<ItemChannel> channels, List<FulfilmentLine> fulfilment, int fansServed,
			Instant soldOutAt) {
	}

	/**
	 * Units of one item that came through one channel.
	 *
	 * @param dropItem the drop item
	 * @param channel the channel, or {@code null} for holds whose channel was not
	 * recorded
	 * @param sold units paid for
	 * @param held units held now, not paid yet
	 */
	public record ItemChannel(UUID dropItem, Channel channel, int sold, int held) {
	}

	/**
	 * Paid orders fulfilled one way, from one hub.
	 *
	 * @param method pickup, local delivery or shipping
	 * @param hub the hub's slug, or {@code null} when none was involved
	 * @param orders how many orders
	 * @param units how many units they hold
	 */
	public record FulfilmentLine(Fulfilment.Method method, String hub, int orders, int units) {
	}

}
