package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import io.microdrops.drop.DropId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What merchandisers watch while a drop sells: per item the units held, sold and left, as
 * the unit rows say at this moment; reserve attempts per second across all nodes; and
 * when the drop first sold out. Reads only: the monitor adds no load to the claims.
 */
@Service
public class DropMonitor {

	/** Seconds of reserve attempts shown, newest last. */
	public static final int WINDOW_SECONDS = 60;

	/** Seconds averaged for the current rate. */
	static final int RATE_SECONDS = 10;

	// Nodes add a second's count once it is over, about a second later: the last two
	// seconds are not complete yet and would read low.
	static final int SETTLING_SECONDS = 2;

	private final JdbcClient jdbc;

	private final Clock clock;

	DropMonitor(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Reads a drop's pulse now.
	 * @param drop the drop
	 * @return its items' stock, the attempts and the sell-out moment
	 */
	@Transactional(readOnly = true)
	public Pulse pulse(DropId drop) {
		Instant now = this.clock.instant();
		List<ItemPulse> items = this.jdbc.sql("""
				select i.id, i.quantity,
				       count(u.edition) as units,
				       count(u.edition) filter (where u.reservation_id is not null and not u.sold) as held,
				       count(u.edition) filter (where u.sold) as sold,
				       count(u.edition) filter (where u.reservation_id is null) as free
				from drop_items i left join drop_units u on u.drop_item_id = i.id
				where i.drop_id = ?
				group by i.id, i.quantity, i.position order by i.position
				""").param(drop.value()).query((rs, row) -> {
			// Before scheduling there are no unit rows: every unit is free.
			boolean released = rs.getInt("units") > 0;
			int quantity = rs.getInt("quantity");
			return new ItemPulse(rs.getObject("id", UUID.class), quantity, rs.getInt("held"), rs.getInt("sold"),
					released ? rs.getInt("free") : quantity);
		}).list();
		int activeHolds = this.jdbc.sql("""
				select count(*) from reservations r join drop_items i on i.id = r.drop_item_id
				where i.drop_id = ? and r.status = 'HELD'
				""").param(drop.value()).query(Integer.class).single();
		Optional<Instant> soldOutAt = this.jdbc.sql("select sold_out_at from drop_sell_outs where drop_id = ?")
			.param(drop.value())
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
		long newest = now.getEpochSecond() - SETTLING_SECONDS;
		long oldest = newest - WINDOW_SECONDS + 1;
		Map<Long, Integer> perSecond = new HashMap<>();
		this.jdbc.sql("""
				select extract(epoch from second)::bigint as second, attempts from reserve_attempts
				where drop_id = ? and second between ? and ?
				""")
			.params(drop.value(), Timestamp.from(Instant.ofEpochSecond(oldest)),
					Timestamp.from(Instant.ofEpochSecond(newest)))
			.query((rs, row) -> Map.entry(rs.getLong("second"), rs.getInt("attempts")))
			.list()
			.forEach(entry -> perSecond.put(entry.getKey(), entry.getValue()));
		List<Integer> lastMinute = IntStream.range(0, WINDOW_SECONDS)
			.mapToObj(i -> perSecond.getOrDefault(oldest + i, 0))
			.toList();
		Totals totals = this.jdbc.sql(
				"select coalesce(sum(attempts), 0), coalesce(max(attempts), 0) from reserve_attempts where drop_id = ?")
			.param(drop.value())
			.query((rs, row) -> new Totals(rs.getLong(1), rs.getInt(2)))
			.single();
		double rate = lastMinute.subList(WINDOW_SECONDS - RATE_SECONDS, WINDOW_SECONDS)
			.stream()
			.mapToInt(Integer::intValue)
			.sum() / (double) RATE_SECONDS;
		return new Pulse(items, activeHolds, soldOutAt.orElse(null), rate, totals.peak(), totals.attempts(), lastMinute,
				Instant.ofEpochSecond(newest + 1), now);
	}

	private record Totals(long attempts, int peak) {
	}

	/**
	 * A drop's pulse at one moment.
	 *
	 * @param items each item's stock, in the drop's order
	 * @param activeHolds reservations holding units now
	 * @param soldOutAt when every unit was first held or sold, or {@code null}
	 * @param attemptsPerSecond reserve attempts per second, averaged over the last
	 * {@value #RATE_SECONDS} complete seconds
	 * @param peakPerSecond the most reserve attempts in one second so far
	 * @param totalAttempts all reserve attempts so far
	 * @param lastMinute attempts in each of the last {@value #WINDOW_SECONDS} complete
	 * seconds, oldest first
	 * @param lastMinuteEnds the end of the last of those seconds
	 * @param at when this was read
	 */
	public record Pulse(List<ItemPulse> items, int activeHolds, Instant soldOutAt, double attemptsPerSecond,
			int peakPerSecond, long totalAttempts, List<Integer> lastMinute, Instant lastMinuteEnds, Instant at) {

		/**
		 * Returns the units of all items.
		 * @return the sum of the quantities
		 */
		public int quantity() {
			return this.items.stream().mapToInt(ItemPulse::quantity).sum();
		}

		/**
		 * Returns the units held and not yet paid, across items.
		 * @return the sum
		 */
		public int held() {
			return this.items.stream().mapToInt(ItemPulse::held).sum();
		}

		/**
		 * Returns the units sold, across items.
		 * @return the sum
		 */
		public int sold() {
			return this.items.stream().mapToInt(ItemPulse::sold).sum();
		}

		/**
		 * Returns the units nobody holds or bought, across items.
		 * @return the sum
		 */
		public int remaining() {
			return this.items.stream().mapToInt(ItemPulse::remaining).sum();
		}

		/**
		 * Returns how long after a moment (the opening) the drop sold out.
		 * @param opensAt the moment
		 * @return the time it took, or {@code null} while it has not sold out
		 */
		public Duration soldOutAfter(Instant opensAt) {
			return (this.soldOutAt != null) ? Duration.between(opensAt, this.soldOutAt) : null;
		}

	}

	/**
	 * One item's stock at one moment; held + sold + remaining = quantity.
	 *
	 * @param dropItem the drop item
	 * @param quantity its units
	 * @param held units held, not yet paid
	 * @param sold units sold
	 * @param remaining units free
	 */
	public record ItemPulse(UUID dropItem, int quantity, int held, int sold, int remaining) {
	}

}
