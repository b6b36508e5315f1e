package io.microdrops.checkout;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
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
 * later drop. A run of 120 released over three drops is #1 to #120 once, never three
 * times #1. An open run (no edition size) continues after the highest number in use.
 */
@Component
class StockUnits implements DropStock {

	/**
	 * The edition numbers of a SKU ({@code :sku}) that a drop other than {@code :drop}
	 * holds: every number of a drop that has not closed, and those held or sold in any
	 * drop.
	 */
	private static final String TAKEN = """
			select u.edition from drop_units u join drop_items o on o.id = u.drop_item_id
			join drops d on d.id = o.drop_id
			where o.sku_id = :sku and o.drop_id <> :drop
			  and (u.reservation_id is not null or coalesce(d.closed_early_at, d.closes_at) > :now)
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
		remove(event.drop());
		create(event.drop());
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
		for (Item item : items) {
			lockNumbering(item.sku());
			int numbered = this.jdbc.sql("""
					insert into drop_units (drop_item_id, edition)
					select :item, n
					from generate_series(1, coalesce((select edition_size from skus where id = :sku),
					    (select coalesce(max(edition), 0) from (%s) t) + :quantity)) n
					where n not in (%s)
					order by n
					limit :quantity
					on conflict do nothing
					""".formatted(TAKEN, TAKEN))
				.param("item", item.id())
				.param("sku", item.sku())
				.param("drop", drop.value())
				.param("quantity", item.quantity())
				.param("now", Timestamp.from(this.clock.instant()))
				.update();
			if (numbered != item.quantity()) {
				// Checked before the drop was scheduled, under the same lock.
				throw new IllegalStateException(
						"Only " + numbered + " edition numbers left for drop item " + item.id());
			}
		}
	}

	@Override
	public int editionsFree(SkuId sku, DropId drop) {
		lockNumbering(sku.value());
		Integer size = this.jdbc.sql("select edition_size from skus where id = ?")
			.param(sku.value())
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (size == null) {
			return Integer.MAX_VALUE;
		}
		return this.jdbc.sql("select count(*) from generate_series(1, :size) n where n not in (%s)".formatted(TAKEN))
			.param("size", size)
			.param("sku", sku.value())
			.param("drop", drop.value())
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Integer.class)
			.single();
	}

	/**
	 * Numbers a SKU's units one drop at a time: two drops scheduled at once cannot take
	 * the same editions. Held until the transaction ends.
	 */
	private void lockNumbering(UUID sku) {
		this.jdbc.sql("select id from skus where id = ? for update").param(sku).query(UUID.class).optional();
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
