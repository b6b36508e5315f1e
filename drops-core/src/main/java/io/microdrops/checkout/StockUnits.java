package io.microdrops.checkout;

import java.util.List;
import java.util.UUID;

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
 */
@Component
class StockUnits implements DropStock {

	private final JdbcClient jdbc;

	StockUnits(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		this.jdbc.sql("""
				insert into drop_units (drop_item_id, edition)
				select i.id, g.edition from drop_items i, generate_series(1, i.quantity) as g(edition)
				where i.drop_id = ?
				on conflict do nothing
				""").param(drop.value()).update();
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
