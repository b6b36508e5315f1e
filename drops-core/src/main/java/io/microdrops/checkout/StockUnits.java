package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microdrops.catalog.SkuId;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropItem;
import io.microdrops.drop.DropRevised;
import io.microdrops.drop.DropScheduled;
import io.microdrops.drop.DropStock;
import io.microdrops.drop.DropUnscheduled;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The unit rows of drop items: created in the same transaction that schedules a drop,
 * recreated when a scheduled drop is revised (before any sale), removed when it is
 * unscheduled; and the real remaining stock for every page and the API.
 * <p>
 * Edition numbers belong to the SKU's run, not to one drop: a drop's units take the
 * lowest numbers of the run that no other drop holds. Another drop holds a number while
 * it has not closed, and for good once the unit is held or sold; the unsold units of a
 * closed drop (and units given back after it closed) keep their pieces' numbers for a
 * later drop, from a day after the close. A run of 120 released over three drops is #1 to
 * #120 once, never three times #1. An open run (no edition size) takes the lowest numbers
 * free, as a numbered one does, without a cap.
 */
@Component
class StockUnits implements DropStock {

	/**
	 * How long after a drop closed its unsold pieces' numbers stay its own: long enough
	 * for every claim begun before the close (a pre-order converted late, an offer taken
	 * at the last second) to have settled, so that no closed drop can claim a number a
	 * later drop took.
	 */
	static final Duration REUSE_AFTER_CLOSE = Duration.ofDays(1);

	/**
	 * The edition numbers of a SKU ({@code :sku}) that a drop other than {@code :drop}
	 * holds: every number of a drop that has not closed (or closed less than
	 * {@link #REUSE_AFTER_CLOSE} before {@code :reusable}), and those held or sold in any
	 * drop.
	 */
	private static final String TAKEN = """
			taken as (
			    select distinct u.edition from drop_units u join drop_items o on o.id = u.drop_item_id
			    join drops d on d.id = o.drop_id
			    where o.sku_id = :sku and o.drop_id <> :drop
			      and (u.reservation_id is not null or coalesce(d.closed_early_at, d.closes_at) > :reusable))
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	StockUnits(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void on(DropScheduled event) {
		create(event.drop());
	}

	@EventListener
	void on(DropRevised event) {
		// The plan only changes before any unit is claimed. Its fairness rules may also
		// change once pre-orders took units: those stay as they are.
		boolean claimed = this.jdbc.sql("""
				select exists (select 1 from drop_units u join drop_items i on i.id = u.drop_item_id
				               where i.drop_id = ? and u.reservation_id is not null)
				""").param(event.drop().value()).query(Boolean.class).single();
		if (!claimed) {
			remove(event.drop());
			create(event.drop());
		}
	}

	@EventListener
	void on(DropUnscheduled event) {
		remove(event.drop());
	}

	private void create(DropId drop) {
		List<Item> items = this.jdbc
			.sql("select id, sku_id, quantity from drop_items where drop_id = ? order by position")
			.param(drop.value())
			.query((rs, row) -> new Item(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
			.list();
		lockNumbering(items.stream().map(Item::sku).toList());
		for (Item item : items) {
			int numbered = this.jdbc.sql("""
					with %s
					insert into drop_units (drop_item_id, edition)
					select :item, n
					from generate_series(1, coalesce((select edition_size from skus where id = :sku),
					    (select count(*) from taken) + :quantity)) n
					where not exists (select 1 from taken t where t.edition = n)
					order by n
					limit :quantity
					on conflict do nothing
					""".formatted(TAKEN))
				.param("item", item.id())
				.param("sku", item.sku())
				.param("drop", drop.value())
				.param("quantity", item.quantity())
				.param("reusable", reusable())
				.update();
			if (numbered != item.quantity()) {
				// Checked before the drop was scheduled, under the same locks.
				throw new IllegalStateException(
						"Only " + numbered + " edition numbers left for drop item " + item.id());
			}
		}
	}

	@Override
	public Map<SkuId, Integer> editionsFree(Collection<SkuId> skus, DropId drop) {
		Map<SkuId, Integer> free = new HashMap<>();
		lockNumbering(skus.stream().map(SkuId::value).toList()).forEach((sku, size) -> free.put(new SkuId(sku),
				(size == null) ? Integer.MAX_VALUE
						: this.jdbc.sql("""
								with %s
								select count(*) from generate_series(1, :size) n
								where not exists (select 1 from taken t where t.edition = n)
								""".formatted(TAKEN))
							.param("size", size)
							.param("sku", sku)
							.param("drop", drop.value())
							.param("reusable", reusable())
							.query(Integer.class)
							.single()));
		return free;
	}

	private Timestamp reusable() {
		return Timestamp.from(this.clock.instant().minus(REUSE_AFTER_CLOSE));
	}

	/**
	 * Numbers SKUs' units one drop at a time: two drops scheduled at once cannot take the
	 * same editions. The SKUs are locked in one order, so two drops of the same SKUs in
	 * other orders cannot wait for each other; held until the transaction ends. (No key
	 * update: rows referring to a SKU may still be written meanwhile.)
	 * @return each SKU's edition size, {@code null} for an open run
	 */
	private Map<UUID, Integer> lockNumbering(List<UUID> skus) {
		Map<UUID, Integer> sizes = new LinkedHashMap<>();
		this.jdbc.sql("select id, edition_size from skus where id = any(?) order by id for no key update")
			.param(skus.toArray(UUID[]::new))
			.query(rs -> {
				sizes.put(rs.getObject(1, UUID.class), rs.getObject(2, Integer.class));
			});
		return sizes;
	}

	private record Item(UUID id, UUID sku, int quantity) {
	}

	private void remove(DropId drop) {
		this.jdbc.sql("delete from drop_units where drop_item_id in (select id from drop_items where drop_id = ?)")
			.param(drop.value())
			.update();
	}

	@Override
	public int remaining(DropItem item) {
		// Before the drop is scheduled there are no unit rows: every released unit is
		// free.
		return this.jdbc.sql("""
				select case when count(*) = 0 then ? else count(*) filter (where reservation_id is null) end
				from drop_units where drop_item_id = ?
				""").params(item.quantity(), item.id()).query(Integer.class).single();
	}

	/**
	 * Claims up to {@code quantity} free units, lowest editions first, skipping rows
	 * another transaction is claiming right now.
	 */
	List<Integer> claim(UUID dropItem, UUID reservation, int quantity) {
		return this.jdbc.sql("""
				update drop_units set reservation_id = :reservation
				where (drop_item_id, edition) in (
				    select drop_item_id, edition from drop_units
				    where drop_item_id = :item and reservation_id is null
				    order by edition limit :quantity
				    for update skip locked)
				returning edition
				""")
			.param("reservation", reservation)
			.param("item", dropItem)
			.param("quantity", quantity)
			.query(Integer.class)
			.list()
			.stream()
			.sorted()
			.toList();
	}

	boolean anyFree(UUID dropItem) {
		return this.jdbc
			.sql("select exists (select 1 from drop_units where drop_item_id = ? and reservation_id is null)")
			.param(dropItem)
			.query(Boolean.class)
			.single();
	}

	int free(UUID reservation) {
		return this.jdbc.sql("update drop_units set reservation_id = null where reservation_id = ? and not sold")
			.param(reservation)
			.update();
	}

}
