package io.microdrops.fulfilment;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.shared.Texts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Splits a drop's units between hubs (e.g. 120 units: 60 Manchester, 40 Leeds, the 20
 * left for shipping) or leaves them shared, and keeps the drop's packing note. Checkout
 * then offers only hubs whose share has units left; the share is taken in the order's
 * transaction, so it is never exceeded.
 */
@Service
public class AllocationManagement {

	private final JdbcClient jdbc;

	private final DropManagement drops;

	private final HubManagement hubs;

	private final Clock clock;

	AllocationManagement(JdbcClient jdbc, DropManagement drops, HubManagement hubs, Clock clock) {
		this.jdbc = jdbc;
		this.drops = drops;
		this.hubs = hubs;
		this.clock = clock;
	}

	/**
	 * Returns a drop's split, item by item.
	 * @param dropSlug the drop
	 * @return the split and the packing note
	 * @throws io.microdrops.drop.DropNotFoundException when there is no such drop
	 */
	@Transactional(readOnly = true)
	public DropAllocation allocationOf(String dropSlug) {
		DropView view = this.drops.view(dropSlug);
		List<Hub> hubs = this.hubs.hubs();
		List<DropAllocation.Item> items = new ArrayList<>();
		for (DropView.Item item : view.items()) {
			Map<UUID, int[]> rows = new HashMap<>();
			int[] shipping = null;
			for (Row row : rows(item.item().id())) {
				if (row.hub() == null) {
					shipping = new int[] { row.units(), row.taken() };
				}
				else {
					rows.put(row.hub(), new int[] { row.units(), row.taken() });
				}
			}
			boolean shared = rows.isEmpty() && shipping == null;
			List<DropAllocation.Share> shares = hubs.stream()
				.filter(hub -> hub.active() || rows.containsKey(hub.id()))
				.map(hub -> {
					int[] row = rows.getOrDefault(hub.id(), new int[] { 0, 0 });
					return new DropAllocation.Share(hub.id(), hub.slug(), hub.name(), row[0], row[1]);
				})
				.toList();
			items.add(new DropAllocation.Item(item.item().id(), item.sku().name(), item.item().quantity(), shared,
					shares, (shipping != null) ? shipping[0] : 0, (shipping != null) ? shipping[1] : 0));
		}
		return new DropAllocation(view.drop().slug(), view.drop().title(), packingNote(view.drop().id().value()),
				items);
	}

	/**
	 * Splits one item's units between hubs; what no hub gets is left for shipping. With
	 * no units given at all, the item goes back to shared (only while nothing was sold
	 * under the split).
	 * @param dropSlug the drop
	 * @param dropItem the item
	 * @param unitsByHub units per hub slug; {@code null} values count as none
	 * @throws AllocationRefusedException when the hubs get more than the item's quantity,
	 * a share would fall below what was sold through it, or an unknown hub is named
	 */
	@Transactional
	public void allocate(String dropSlug, UUID dropItem, Map<String, Integer> unitsByHub) {
		DropView view = this.drops.view(dropSlug);
		DropView.Item item = view.items()
			.stream()
			.filter(candidate -> candidate.item().id().equals(dropItem))
			.findFirst()
			.orElseThrow(() -> new AllocationRefusedException("allocation.refused.item"));
		// Bookings take these rows' locks too: the split changes between orders, never
		// under one.
		List<Row> existing = this.jdbc
			.sql("select hub_id, units, taken from hub_allocations where drop_item_id = ? order by hub_id for update")
			.param(dropItem)
			.query((rs, row) -> new Row(rs.getObject("hub_id", UUID.class), rs.getInt("units"), rs.getInt("taken")))
			.list();
		boolean clear = unitsByHub.values().stream().allMatch(units -> units == null);
		if (clear) {
			if (existing.stream().anyMatch(row -> row.taken() > 0)) {
				throw new AllocationRefusedException("allocation.refused.sold-under-split", item.sku().name());
			}
			this.jdbc.sql("delete from hub_allocations where drop_item_id = ?").param(dropItem).update();
			return;
		}
		Map<UUID, Integer> units = new HashMap<>();
		int total = 0;
		for (Map.Entry<String, Integer> entry : unitsByHub.entrySet()) {
			Hub hub = this.hubs.find(entry.getKey())
				.orElseThrow(() -> new AllocationRefusedException("allocation.refused.hub", entry.getKey()));
			int share = (entry.getValue() != null) ? entry.getValue() : 0;
			if (share < 0) {
				throw new AllocationRefusedException("allocation.refused.negative", hub.name());
			}
			units.put(hub.id(), share);
			total += share;
		}
		int quantity = item.item().quantity();
		if (total > quantity) {
			throw new AllocationRefusedException("allocation.refused.too-many", item.sku().name(), total, quantity);
		}
		Map<UUID, Integer> taken = new HashMap<>();
		int shippingTaken = 0;
		for (Row row : existing) {
			if (row.hub() == null) {
				shippingTaken = row.taken();
			}
			else {
				taken.put(row.hub(), row.taken());
			}
		}
		for (Map.Entry<UUID, Integer> entry : taken.entrySet()) {
			int share = units.getOrDefault(entry.getKey(), 0);
			if (share < entry.getValue()) {
				String name = this.hubs.find(entry.getKey()).map(Hub::name).orElse("?");
				throw new AllocationRefusedException("allocation.refused.below-taken", name, entry.getValue());
			}
			units.putIfAbsent(entry.getKey(), share);
		}
		if (quantity - total < shippingTaken) {
			throw new AllocationRefusedException("allocation.refused.shipping-below-taken", shippingTaken);
		}
		units.forEach((hub, share) -> upsert(dropItem, hub, share));
		upsert(dropItem, null, quantity - total);
	}

	/**
	 * Returns a drop's packing note.
	 * @param dropSlug the drop
	 * @return the note, if the merchandiser wrote one
	 */
	@Transactional(readOnly = true)
	public Optional<String> packingNote(String dropSlug) {
		return Optional.ofNullable(packingNote(this.drops.require(dropSlug).id().value()));
	}

	/**
	 * Writes or clears a drop's packing note, the personal words printed on every packing
	 * slip of the drop.
	 * @param dropSlug the drop
	 * @param note the note; blank clears it
	 * @throws AllocationRefusedException when longer than 2,000 characters
	 */
	@Transactional
	public void writePackingNote(String dropSlug, String note) {
		UUID drop = this.drops.require(dropSlug).id().value();
		String text = Texts.blankToNull(note);
		if (text == null) {
			this.jdbc.sql("delete from drop_packing_notes where drop_id = ?").param(drop).update();
			return;
		}
		if (text.length() > 2000) {
			throw new AllocationRefusedException("allocation.refused.note-too-long");
		}
		this.jdbc.sql("""
				insert into drop_packing_notes (drop_id, note, updated_at) values (?, ?, ?)
				on conflict (drop_id) do update set note = excluded.note, updated_at = excluded.updated_at
				""").params(drop, text.strip(), Timestamp.from(this.clock.instant())).update();
	}

	private String packingNote(UUID drop) {
		return this.jdbc.sql("select note from drop_packing_notes where drop_id = ?")
			.param(drop)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private List<Row> rows(UUID dropItem) {
		return this.jdbc.sql("select hub_id, units, taken from hub_allocations where drop_item_id = ?")
			.param(dropItem)
			.query((rs, row) -> new Row(rs.getObject("hub_id", UUID.class), rs.getInt("units"), rs.getInt("taken")))
			.list();
	}

	private void upsert(UUID dropItem, UUID hub, int units) {
		this.jdbc.sql("""
				insert into hub_allocations (id, drop_item_id, hub_id, units, taken) values (?, ?, ?, ?, 0)
				on conflict (drop_item_id, hub_id) do update set units = excluded.units
				""").params(UUID.randomUUID(), dropItem, hub, units).update();
	}

	private record Row(UUID hub, int units, int taken) {
	}

}
