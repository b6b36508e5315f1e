package io.microdrops.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.microdrops.drop.DropId;
import io.microdrops.shared.Slug;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Story page views, counted on the server with no third-party tracker and no cookie: one
 * row per visitor and drop, a signed-in fan by their account, anyone else by a hash
 * salted for the day (never an address). Browsers that send Do-Not-Track or Global
 * Privacy Control are not counted, nor robots (by user agent, or more than
 * {@code drops.analytics.views.max-per-minute} pages a minute).
 * <p>
 * Views are kept in memory and written in batches by {@link #flush()} (every few seconds,
 * and when the application stops), so a busy drop page never waits for a write; a node
 * that crashes loses its last few seconds of views.
 */
@Service
public class StoryViews {

	private static final Log logger = LogFactory.getLog(StoryViews.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final VisitorKeys keys;

	private final BotFilter robots;

	private final Clock clock;

	private final int capacity;

	private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicInteger dropped = new AtomicInteger();

	StoryViews(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			@Value("${drops.analytics.views.max-per-minute:60}") int maxViewsPerMinute,
			@Value("${drops.analytics.views.buffer-size:100000}") int capacity) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.keys = new VisitorKeys(jdbc);
		this.robots = new BotFilter(maxViewsPerMinute);
		this.clock = clock;
		this.capacity = capacity;
	}

	/**
	 * Counts a view of a drop's page.
	 * @param drop the drop
	 * @param visitor who asked
	 * @return whether it counts: {@code false} for opted-out browsers and robots
	 */
	public boolean viewed(DropId drop, Visitor visitor) {
		Instant now = this.clock.instant();
		String key = keyOf(visitor, now);
		if (key == null) {
			return false;
		}
		if (visitor.fan() == null && this.robots.countAndCheck(key, now)) {
			return false;
		}
		return offer(new PendingView(drop.value(), key, (visitor.fan() != null) ? visitor.fan().value() : null, now));
	}

	/**
	 * Notes which story block was in view when the visitor left a drop's page, as the
	 * page's script reports it. Applies to the visitor's counted view of that drop, if
	 * any; a block that is not part of the drop is ignored.
	 * @param dropSlug the drop
	 * @param skuSlug the SKU whose story holds the block
	 * @param block the block's position in that story, from 0
	 * @param visitor who reports
	 * @return whether it was accepted for recording
	 */
	public boolean lastInView(String dropSlug, String skuSlug, int block, Visitor visitor) {
		if (!Slug.isValid(dropSlug) || !Slug.isValid(skuSlug) || block < 0 || block > 999) {
			return false;
		}
		Instant now = this.clock.instant();
		String key = keyOf(visitor, now);
		if (key == null || this.robots.isKnownRobot(key, now)) {
			return false;
		}
		return offer(new PendingBlock(dropSlug, key, skuSlug, block, now));
	}

	/**
	 * Writes the views and blocks noted so far, in one transaction.
	 * @return how many views were written
	 */
	public int flush() {
		List<PendingView> views = new ArrayList<>();
		List<PendingBlock> blocks = new ArrayList<>();
		Pending next;
		while ((next = this.pending.poll()) != null) {
			this.size.decrementAndGet();
			if (next instanceof PendingView view) {
				if (view.fan() != null || !this.robots.isKnownRobot(view.visitor(), view.at())) {
					views.add(view);
				}
			}
			else if (next instanceof PendingBlock block) {
				blocks.add(block);
			}
		}
		int lost = this.dropped.getAndSet(0);
		if (lost > 0) {
			logger.warn(lost + " story page views were not counted: the buffer was full");
		}
		if (views.isEmpty() && blocks.isEmpty()) {
			return 0;
		}
		this.transactions.executeWithoutResult(status -> {
			writeViews(views);
			writeBlocks(blocks);
		});
		return views.size();
	}

	private void writeViews(List<PendingView> views) {
		if (views.isEmpty()) {
			return;
		}
		// One row per drop and visitor; rows in key order, so concurrent writers lock
		// them in the same order.
		Map<String, Aggregate> byKey = new TreeMap<>();
		for (PendingView view : views) {
			byKey.merge(view.drop() + "|" + view.visitor(),
					new Aggregate(view.drop(), view.visitor(), view.fan(), view.at(), view.at(), 1), Aggregate::plus);
		}
		List<Aggregate> rows = new ArrayList<>(byKey.values());
		List<Written> written = this.jdbc.sql("""
				insert into analytics_story_views as v (drop_id, visitor, account_id, first_viewed_at, last_viewed_at,
				                                        views)
				select b.drop_id, b.visitor, b.account_id, b.first_at, b.last_at, b.views
				from unnest(?::uuid[], ?::text[], ?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::int[])
				     as b(drop_id, visitor, account_id, first_at, last_at, views)
				where exists (select 1 from drops d where d.id = b.drop_id)
				on conflict (drop_id, visitor) do update set views = v.views + excluded.views,
				    last_viewed_at = greatest(v.last_viewed_at, excluded.last_viewed_at)
				returning v.drop_id, v.account_id, v.first_viewed_at, (v.xmax = 0) as inserted
				""")
			.params(column(rows, Aggregate::drop), column(rows, Aggregate::visitor), column(rows, Aggregate::fan),
					column(rows, Aggregate::first), column(rows, Aggregate::last),
					rows.stream().map(Aggregate::views).toArray(Integer[]::new))
			.query((rs, row) -> new Written(rs.getObject("drop_id", UUID.class), rs.getObject("account_id", UUID.class),
					rs.getTimestamp("first_viewed_at").toInstant(), rs.getBoolean("inserted")))
			.list();
		List<Written> fans = written.stream()
			.filter(row -> row.fan() != null)
			.sorted(Comparator.comparing(Written::drop).thenComparing(Written::fan))
			.toList();
		if (!fans.isEmpty()) {
			this.jdbc.sql("""
					insert into analytics_fan_drops as f (drop_id, account_id, community_id, viewed, first_engaged_at)
					select b.drop_id, b.account_id, d.community_id, true, b.at
					from unnest(?::uuid[], ?::uuid[], ?::timestamptz[]) as b(drop_id, account_id, at)
					join drops d on d.id = b.drop_id
					on conflict (drop_id, account_id) do update set viewed = true,
					    first_engaged_at = least(f.first_engaged_at, excluded.first_engaged_at)
					where not f.viewed
					""")
				.params(column(fans, Written::drop), column(fans, Written::fan), column(fans, Written::at))
				.update();
			this.jdbc.sql("""
					insert into analytics_dirty_communities (community_id)
					select distinct community_id from drops where id = any(cast(? as uuid[]))
					on conflict do nothing
					""").param(column(fans, Written::drop)).update();
		}
		Map<UUID, Long> newViewers = written.stream()
			.filter(Written::inserted)
			.collect(Collectors.groupingBy(Written::drop, TreeMap::new, Collectors.counting()));
		if (!newViewers.isEmpty()) {
			this.jdbc.sql("""
					insert into analytics_drop_totals as t (drop_id, viewers)
					select * from unnest(?::uuid[], ?::int[])
					on conflict (drop_id) do update set viewers = t.viewers + excluded.viewers
					""")
				.params(newViewers.keySet().stream().map(UUID::toString).toArray(String[]::new),
						newViewers.values().stream().map(Long::intValue).toArray(Integer[]::new))
				.update();
		}
	}

	private void writeBlocks(List<PendingBlock> rows) {
		if (rows.isEmpty()) {
			return;
		}
		// The latest valid report of each visitor wins; reports of blocks that are not
		// in the drop are ignored.
		this.jdbc.sql("""
				update analytics_story_views v set last_sku_id = x.sku_id, last_block = x.block
				from (select distinct on (d.id, b.visitor) d.id as drop_id, b.visitor, s.id as sku_id, b.block
				      from unnest(?::text[], ?::text[], ?::text[], ?::int[]) with ordinality
				           as b(drop_slug, visitor, sku_slug, block, n)
				      join drops d on d.slug = b.drop_slug
				      join skus s on s.slug = b.sku_slug
				      join drop_items i on i.drop_id = d.id and i.sku_id = s.id
				      where b.block < (select count(*) from sku_story_blocks k where k.sku_id = s.id)
				      order by d.id, b.visitor, b.n desc) x
				where v.drop_id = x.drop_id and v.visitor = x.visitor
				""")
			.params(column(rows, PendingBlock::dropSlug), column(rows, PendingBlock::visitor),
					column(rows, PendingBlock::sku), rows.stream().map(PendingBlock::block).toArray(Integer[]::new))
			.update();
	}

	private String keyOf(Visitor visitor, Instant now) {
		if (visitor.optedOut() || BotFilter.isRobotAgent(visitor.userAgent())) {
			return null;
		}
		return this.keys.keyOf(visitor, LocalDate.ofInstant(now, ZoneOffset.UTC));
	}

	private boolean offer(Pending entry) {
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			this.dropped.incrementAndGet();
			return false;
		}
		this.pending.add(entry);
		return true;
	}

	private static <T> String[] column(List<T> rows, Function<T, Object> value) {
		return rows.stream().map(value).map(v -> Objects.toString(v, null)).toArray(String[]::new);
	}

	private sealed interface Pending permits PendingView, PendingBlock {

	}

	private record PendingView(UUID drop, String visitor, UUID fan, Instant at) implements Pending {
	}

	private record PendingBlock(String dropSlug, String visitor, String sku, int block, Instant at) implements Pending {
	}

	private record Aggregate(UUID drop, String visitor, UUID fan, Instant first, Instant last, int views) {

		Aggregate plus(Aggregate other) {
			return new Aggregate(this.drop, this.visitor, this.fan,
					this.first.isBefore(other.first) ? this.first : other.first,
					this.last.isAfter(other.last) ? this.last : other.last, this.views + other.views);
		}

	}

	private record Written(UUID drop, UUID fan, Instant at, boolean inserted) {
	}

}
