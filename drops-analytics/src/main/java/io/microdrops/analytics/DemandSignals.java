package io.microdrops.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.microdrops.community.CommunityId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demand signals for a community's merchandisers: for its recent drops the waitlist
 * depth, how fast they sold out, and the unmet demand (waitlisted fans who got no unit of
 * a drop that sold out), with a suggested quantity and cadence for the next drop worked
 * out by a formula simple enough to be shown in words next to its result
 * ({@link Suggestion}).
 */
@Service
public class DemandSignals {

	/** How many of the latest opened drops are read. */
	public static final int RECENT = 6;

	private final JdbcClient jdbc;

	private final Clock clock;

	DemandSignals(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Reads the latest {@value #RECENT} drops of a community that have opened, newest
	 * first, and the suggestion drawn from them.
	 * @param community the community
	 * @param minGapDays the community's fatigue guard: the fewest days between drops
	 * @return the signals
	 */
	@Transactional(readOnly = true)
	public Signals of(CommunityId community, int minGapDays) {
		Instant now = this.clock.instant();
		List<DropDemand> drops = this.jdbc.sql("""
				select d.id, d.slug, d.title, coalesce(d.early_access_at, d.opens_at) as sales_start, d.opens_at,
				       (d.closed_early_at is not null or d.closes_at <= :now) as over,
				       (select coalesce(sum(i.quantity), 0) from drop_items i where i.drop_id = d.id) as quantity,
				       (select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id
				         where i.drop_id = d.id and u.sold) as sold,
				       (select count(*) from waitlist_entries w where w.drop_id = d.id) as waitlisted,
				       (select count(*) from waitlist_entries w where w.drop_id = d.id and not exists (
				            select 1 from orders o join drop_items i on i.id = o.drop_item_id
				             where i.drop_id = d.id and o.account_id = w.account_id and o.status = 'PAID')) as unmet,
				       s.sold_out_at
				from drops d left join drop_sell_outs s on s.drop_id = d.id
				where d.community_id = :community and d.scheduled and d.opens_at <= :now
				order by d.opens_at desc
				limit :limit
				""")
			.param("now", Timestamp.from(now))
			.param("community", community.value())
			.param("limit", RECENT)
			.query((rs, row) -> {
				Timestamp soldOut = rs.getTimestamp("sold_out_at");
				Instant salesStart = rs.getTimestamp("sales_start").toInstant();
				return new DropDemand(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("title"),
						rs.getTimestamp("opens_at").toInstant(), rs.getBoolean("over"), rs.getInt("quantity"),
						rs.getInt("sold"), rs.getInt("waitlisted"), rs.getInt("unmet"),
						(soldOut != null) ? Duration.between(salesStart, soldOut.toInstant()) : null);
			})
			.list();
		return new Signals(drops, Suggestion.from(drops, minGapDays));
	}

	/**
	 * The demand one drop met.
	 *
	 * @param id the drop
	 * @param slug its slug
	 * @param title its title
	 * @param opensAt when it opened
	 * @param over whether sales have ended
	 * @param quantity units released
	 * @param sold units sold
	 * @param waitlisted fans on its waitlist
	 * @param unmet waitlisted fans without an order from it; read through
	 * {@link #unmet()}, which counts them only once the drop sold out
	 * @param sellOutTime from the start of sales (early access, or the opening) to the
	 * last unit, or {@code null} if it did not sell out
	 */
	public record DropDemand(UUID id, String slug, String title, Instant opensAt, boolean over, int quantity, int sold,
			int waitlisted, int unmet, Duration sellOutTime) {

		/**
		 * Tells whether the drop's demand is known in full: it sold out or its sales
		 * ended.
		 * @return {@code true} when finished
		 */
		public boolean finished() {
			return this.over || soldOut();
		}

		/**
		 * Tells whether every unit was sold, also when the moment was not recorded (as
		 * for drops imported without it).
		 * @return {@code true} when sold out
		 */
		public boolean soldOut() {
			return this.sellOutTime != null || (this.quantity > 0 && this.sold >= this.quantity);
		}

		/**
		 * Returns the waitlisted fans whose demand went unmet: those without an order,
		 * but only once every unit was sold. While units were left they could have bought
		 * one, so their not buying is no sign of a too small drop.
		 * @return the unmet demand, 0 for a drop that did not sell out
		 */
		@Override
		public int unmet() {
			return soldOut() ? this.unmet : 0;
		}

		/**
		 * Returns the demand the drop showed: units sold plus waitlisted fans who got
		 * none.
		 * @return the demand
		 */
		public int demand() {
			return this.sold + unmet();
		}

	}

	/**
	 * A community's recent drops and the suggestion drawn from them.
	 *
	 * @param drops the drops, newest first
	 * @param suggestion the suggestion
	 */
	public record Signals(List<DropDemand> drops, Suggestion suggestion) {
	}

	/**
	 * A suggested quantity and gap for the next drop, with the figures behind them.
	 * <p>
	 * Quantity: the median, over the finished drops among the recent ones, of each drop's
	 * demand (units sold + waitlisted fans who got none). Gap: the average number of days
	 * between the recent drops' openings; shortened by a quarter (never below the fatigue
	 * guard's minimum) when at least half of the finished drops sold out within a day and
	 * left waitlisted fans without a unit; lengthened by half when fewer than a quarter
	 * of them sold out at all; otherwise kept.
	 *
	 * @param basedOn how many finished drops the quantity is drawn from
	 * @param demands their demands, oldest first
	 * @param quantity the suggested quantity, or {@code null} with no finished drop
	 * @param averageGapDays the average gap between openings, or {@code null} with fewer
	 * than two drops
	 * @param soldOutWithinADay how many finished drops sold out within a day and left
	 * fans waiting
	 * @param soldOut how many finished drops sold out at all
	 * @param gapDays the suggested gap, or {@code null} with fewer than two drops
	 * @param gapChange SHORTER, LONGER or SAME, or {@code null} with no gap
	 */
	public record Suggestion(int basedOn, List<Integer> demands, Integer quantity, Double averageGapDays,
			int soldOutWithinADay, int soldOut, Integer gapDays, String gapChange) {

		/**
		 * Draws the suggestion from drops.
		 * @param drops the recent drops, in any order
		 * @param minGapDays the fatigue guard's fewest days between drops
		 * @return the suggestion
		 */
		public static Suggestion from(List<DropDemand> drops, int minGapDays) {
			List<DropDemand> byOpening = drops.stream().sorted(Comparator.comparing(DropDemand::opensAt)).toList();
			List<DropDemand> finished = byOpening.stream().filter(DropDemand::finished).toList();
			List<Integer> demands = finished.stream().map(DropDemand::demand).toList();
			Integer quantity = demands.isEmpty() ? null : median(demands);
			Double averageGap = null;
			if (byOpening.size() >= 2) {
				Duration span = Duration.between(byOpening.get(0).opensAt(),
						byOpening.get(byOpening.size() - 1).opensAt());
				averageGap = span.toMinutes() / (60.0 * 24) / (byOpening.size() - 1);
			}
			int fast = (int) finished.stream()
				.filter(drop -> drop.sellOutTime() != null && drop.sellOutTime().compareTo(Duration.ofDays(1)) <= 0
						&& drop.unmet() > 0)
				.count();
			int soldOut = (int) finished.stream().filter(DropDemand::soldOut).count();
			Integer gap = null;
			String change = null;
			if (averageGap != null) {
				long current = Math.max(1, Math.round(averageGap));
				if (!finished.isEmpty() && fast * 2 >= finished.size()) {
					gap = (int) Math.max(Math.max(minGapDays, 1), Math.round(current * 0.75));
					change = (gap < current) ? "SHORTER" : "SAME";
				}
				else if (!finished.isEmpty() && soldOut * 4 < finished.size()) {
					gap = (int) Math.round(current * 1.5);
					change = "LONGER";
				}
				else {
					gap = (int) current;
					change = "SAME";
				}
			}
			return new Suggestion(finished.size(), demands, quantity, averageGap, fast, soldOut, gap, change);
		}

		// The middle value; for an even count, the mean of the two middle ones, rounded
		// up.
		static int median(List<Integer> values) {
			List<Integer> sorted = new ArrayList<>(values);
			sorted.sort(Comparator.naturalOrder());
			int middle = sorted.size() / 2;
			if (sorted.size() % 2 == 1) {
				return sorted.get(middle);
			}
			return (sorted.get(middle - 1) + sorted.get(middle) + 1) / 2;
		}

	}

}
