package io.microdrops.fulfilment;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountDeletion;
import io.microdrops.account.AccountId;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderPlaced;
import io.microdrops.shared.Texts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs fulfilment orders: creates one per placed order (exactly once), moves them through
 * picking, packing, handover, delivery and shipping with guarded steps recorded with who
 * and when, and answers the queues, searches, pick lists and packing slips ops work from.
 */
@Service
public class FulfilmentManagement {

	static final String ENTRY_COLUMNS = """
			f.id, f.order_id, f.order_number, a.display_name, d.slug as drop_slug, d.title as drop_title,
			s.name as sku_name, f.quantity, f.editions, s.edition_size, f.method, h.slug as hub_slug,
			h.name as hub_name, f.day, f.slot_starts, f.slot_ends, f.address, f.postcode, f.status,
			f.tracking_number, f.cancel_reason, f.created_at, f.updated_at
			from fulfilment_orders f join accounts a on a.id = f.account_id
			join drop_items i on i.id = f.drop_item_id join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id
			left join hubs h on h.id = f.hub_id
			""";

	private static final String OPEN = "f.status not in ('COLLECTED', 'DELIVERED', 'CANCELLED', 'NO_SHOW')";

	private static final String FAN_FULFILMENT = """
			select f.order_id, f.method, f.status, h.slug as hub_slug, h.name as hub_name, h.address as hub_address,
			       f.day, f.slot_starts, f.slot_ends, f.pickup_code, f.tracking_number, f.cancel_reason
			from fulfilment_orders f left join hubs h on h.id = f.hub_id
			""";

	private final FulfilmentOrders orders;

	private final HubManagement hubs;

	private final FulfilmentChoices choices;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final AccountDeletion deletions;

	FulfilmentManagement(FulfilmentOrders orders, HubManagement hubs, FulfilmentChoices choices, JdbcClient jdbc,
			ApplicationEventPublisher events, AccountDeletion deletions, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.deletions = deletions;
		this.orders = orders;
		this.hubs = hubs;
		this.choices = choices;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Creates the fulfilment order of a placed order, once: a redelivered event changes
	 * nothing.
	 * @param event the placed order
	 * @return {@code true} when created now, {@code false} when it existed
	 */
	@Transactional
	public boolean receive(OrderPlaced event) {
		Fulfilment choice = event.fulfilment();
		Hub hub = null;
		if (choice.method() != Fulfilment.Method.SHIPPING && choice.hub() != null) {
			hub = this.hubs.find(choice.hub())
				.orElseThrow(() -> new IllegalStateException("Order " + event.number() + " names no known hub"));
		}
		LocalTime slotEnds = slotEnds(hub, choice);
		// Holds the buyer's account against a deletion until this commits; an account
		// deleted before (the event may come late) gets its order without the address.
		boolean active = this.deletions.guard(event.fan());
		boolean created = this.orders.createIfAbsent(event, (hub != null) ? hub.id() : null, slotEnds,
				this.clock.instant());
		if (!active) {
			this.jdbc.sql("update fulfilment_orders set address = null, postcode = null where order_id = ?")
				.param(event.order())
				.update();
		}
		return created;
	}

	/**
	 * The fan's view of a fulfilment checkout has just booked, for the moments before its
	 * fulfilment order exists (it is created from the placed order's event): pending,
	 * with the hub, day and slot booked.
	 * @param booked the fulfilment as checkout checked and booked it
	 * @return the fan's view, without a pickup code yet
	 */
	@Transactional(readOnly = true)
	public FanFulfilment booked(Fulfilment booked) {
		Hub hub = (booked.method() != Fulfilment.Method.SHIPPING && booked.hub() != null)
				? this.hubs.find(booked.hub()).orElse(null) : null;
		return new FanFulfilment(booked.method(), FulfilmentStatus.PENDING, (hub != null) ? hub.slug() : null,
				(hub != null) ? hub.name() : null, (hub != null) ? hub.address() : null, booked.day(), booked.slot(),
				slotEnds(hub, booked), null, null, null);
	}

	private static LocalTime slotEnds(Hub hub, Fulfilment choice) {
		if (hub == null || choice.slot() == null) {
			return null;
		}
		LocalTime start = choice.slot();
		return hub.slotsOn(choice.day())
			.stream()
			.filter(slot -> slot.starts().equals(start))
			.map(Hub.PickupSlot::ends)
			.findFirst()
			.orElse(start.plusMinutes(hub.slotMinutes()));
	}

	/**
	 * Lists a hub's queue for a day: that day's pickups and deliveries, plus earlier ones
	 * still open, by day and slot.
	 * @param hubSlug the hub
	 * @param day the day at the hub
	 * @return the entries, open ones first by day and slot
	 */
	@Transactional(readOnly = true)
	public List<FulfilmentEntry> queue(String hubSlug, LocalDate day) {
		Hub hub = requireHub(hubSlug);
		return this.jdbc
			.sql("select " + ENTRY_COLUMNS + " where f.hub_id = :hub and (f.day = :day or (f.day < :day and " + OPEN
					+ ")) order by f.day, f.slot_starts nulls last, f.order_number")
			.param("hub", hub.id())
			.param("day", Date.valueOf(day))
			.query(FulfilmentManagement::entry)
			.list();
	}

	/**
	 * Finds the next day after a given one on which a hub has open orders to hand over or
	 * deliver, for a queue that is empty on the day shown.
	 * @param hubSlug the hub
	 * @param after the day shown
	 * @return the day, empty when no later day has any
	 */
	@Transactional(readOnly = true)
	public Optional<LocalDate> nextQueueDay(String hubSlug, LocalDate after) {
		Hub hub = requireHub(hubSlug);
		return this.jdbc
			.sql("select min(f.day) from fulfilment_orders f where f.hub_id = :hub and f.day > :day and " + OPEN)
			.param("hub", hub.id())
			.param("day", Date.valueOf(after))
			.query((rs, row) -> Optional.ofNullable(rs.getDate(1)).map(Date::toLocalDate))
			.single();
	}

	/**
	 * Lists the shipping queue: shipments not yet delivered or cancelled, oldest first.
	 * @return the entries
	 */
	@Transactional(readOnly = true)
	public List<FulfilmentEntry> shippingQueue() {
		return this.jdbc
			.sql("select " + ENTRY_COLUMNS + " where f.method = 'SHIPPING' and " + OPEN
					+ " order by f.created_at, f.order_number")
			.query(FulfilmentManagement::entry)
			.list();
	}

	/**
	 * Counts a queue's entries by status.
	 * @param entries the queue
	 * @return the counts
	 */
	public QueueCounts count(List<FulfilmentEntry> entries) {
		Map<FulfilmentStatus, Integer> counts = new EnumMap<>(FulfilmentStatus.class);
		entries.forEach(entry -> counts.merge(entry.status(), 1, Integer::sum));
		return new QueueCounts(counts);
	}

	/**
	 * Lists a hub's pickups of a day (and earlier ones still waiting), optionally only
	 * those matching a pickup code, a fan's name or an order number.
	 * @param hubSlug the hub
	 * @param day the day at the hub
	 * @param query what ops typed, or {@code null}
	 * @return the matching pickups by slot
	 */
	@Transactional(readOnly = true)
	public List<FulfilmentEntry> pickups(String hubSlug, LocalDate day, String query) {
		Hub hub = requireHub(hubSlug);
		String text = Texts.blankToNull(query);
		String sql = "select " + ENTRY_COLUMNS + " where f.hub_id = :hub and f.method = 'PICKUP'"
				+ " and (f.day = :day or (f.day < :day and f.status = 'READY_FOR_PICKUP'))";
		if (text != null) {
			sql += " and (f.pickup_code = :code or a.display_name ilike :like or f.order_number ilike :like)";
		}
		var statement = this.jdbc.sql(sql + " order by f.day, f.slot_starts, f.order_number")
			.param("hub", hub.id())
			.param("day", Date.valueOf(day));
		if (text != null) {
			statement = statement.param("code", FulfilmentOrder.normaliseCode(text))
				.param("like", "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		return statement.query(FulfilmentManagement::entry).list();
	}

	/**
	 * Lists what is still to pick for a drop (orders pending or being picked), by hub,
	 * day and slot, shipping last.
	 * @param dropSlug the drop
	 * @return the entries
	 */
	@Transactional(readOnly = true)
	public List<FulfilmentEntry> pickList(String dropSlug) {
		return this.jdbc
			.sql("select " + ENTRY_COLUMNS + " where d.slug = ? and f.status in ('PENDING', 'PICKING')"
					+ " order by h.name nulls last, f.day nulls last, f.slot_starts nulls last, s.name, f.order_number")
			.param(dropSlug)
			.query(FulfilmentManagement::entry)
			.list();
	}

	/**
	 * Finds a fulfilment order with its history.
	 * @param id the fulfilment order's id
	 * @return the order, if any
	 */
	@Transactional(readOnly = true)
	public Optional<FulfilmentDetail> detail(UUID id) {
		return entry(id).map(entry -> new FulfilmentDetail(entry, this.jdbc.sql("""
				select from_status, to_status, actor_id, actor_name, note, changed_at from fulfilment_status_changes
				where fulfilment_order_id = ? order by changed_at, to_status
				""").param(id).query((rs, row) -> {
			String from = rs.getString("from_status");
			return new FulfilmentDetail.Change((from != null) ? FulfilmentStatus.valueOf(from) : null,
					FulfilmentStatus.valueOf(rs.getString("to_status")), rs.getObject("actor_id", UUID.class),
					rs.getString("actor_name"), rs.getString("note"), rs.getTimestamp("changed_at").toInstant());
		}).list()));
	}

	/**
	 * Returns the packing slip of a fulfilment order.
	 * @param id the fulfilment order's id
	 * @return the slip, if there is such an order
	 */
	@Transactional(readOnly = true)
	public Optional<PackingSlip> packingSlip(UUID id) {
		return entry(id).map(entry -> new PackingSlip(entry, this.jdbc.sql("""
				select n.note from drop_packing_notes n join drops d on d.id = n.drop_id where d.slug = ?
				""").param(entry.dropSlug()).query(String.class).optional().orElse(null)));
	}

	/**
	 * Finds the fulfilment of one of a fan's orders, with its pickup code.
	 * @param order the order's id
	 * @param fan the fan asking
	 * @return the fulfilment, empty when unknown, not yet created or another fan's
	 */
	@Transactional(readOnly = true)
	public Optional<FanFulfilment> forFan(UUID order, AccountId fan) {
		return this.jdbc.sql(FAN_FULFILMENT + " where f.order_id = ? and f.account_id = ?")
			.params(order, fan.value())
			.query((rs, row) -> fanFulfilment(rs))
			.optional();
	}

	/**
	 * Lists the fulfilments of all of a fan's orders, ops' cancellations included
	 * (whether or not checkout has refunded them yet).
	 * @param fan the fan
	 * @return each order's fulfilment by the order's id; orders without a fulfilment
	 * record (yet) are missing
	 */
	@Transactional(readOnly = true)
	public Map<UUID, FanFulfilment> ofFan(AccountId fan) {
		Map<UUID, FanFulfilment> fulfilments = new LinkedHashMap<>();
		this.jdbc.sql(FAN_FULFILMENT + " where f.account_id = ?").param(fan.value()).query(rs -> {
			fulfilments.put(rs.getObject("order_id", UUID.class), fanFulfilment(rs));
		});
		return fulfilments;
	}

	private static FanFulfilment fanFulfilment(ResultSet rs) throws SQLException {
		Date day = rs.getDate("day");
		return new FanFulfilment(Fulfilment.Method.valueOf(rs.getString("method")),
				FulfilmentStatus.valueOf(rs.getString("status")), rs.getString("hub_slug"), rs.getString("hub_name"),
				rs.getString("hub_address"), (day != null) ? day.toLocalDate() : null,
				rs.getObject("slot_starts", LocalTime.class), rs.getObject("slot_ends", LocalTime.class),
				rs.getString("pickup_code"), rs.getString("tracking_number"), rs.getString("cancel_reason"));
	}

	/**
	 * Finds a pickup code by the secret name of its QR image, as linked from the "ready
	 * for pickup" mail.
	 * @param imageToken the image's name
	 * @return the code, while it can still be used
	 */
	@Transactional(readOnly = true)
	public Optional<String> pickupCodeForImage(String imageToken) {
		return this.jdbc.sql("""
				select pickup_code from fulfilment_orders
				where image_token = ? and pickup_code is not null and pickup_code_used_at is null
				""").param(imageToken).query(String.class).optional();
	}

	/**
	 * Moves one fulfilment order on.
	 * @param id the fulfilment order
	 * @param next where to
	 * @param note the tracking number for SHIPPED, the reason for CANCELLED, else ignored
	 * @param by who
	 * @return the order after the move
	 * @throws TransitionRefusedException when the move is not allowed now
	 */
	@Transactional
	public FulfilmentEntry move(UUID id, FulfilmentStatus next, String note, Actor by) {
		FulfilmentOrder order = this.orders.lock(id)
			.orElseThrow(() -> new TransitionRefusedException("fulfilment.transition.unknown"));
		Instant now = this.clock.instant();
		switch (next) {
			case PICKING -> order.startPicking(by, now);
			case PACKED -> order.pack(by, now);
			case READY_FOR_PICKUP -> order.markReadyForPickup(by, now);
			case OUT_FOR_DELIVERY -> order.sendOut(by, now);
			case SHIPPED -> order.ship(note, by, now);
			case DELIVERED -> order.markDelivered(by, now);
			case CANCELLED -> {
				order.cancel(note, by, now);
				if (order.method() == Fulfilment.Method.PICKUP && order.hub() != null && order.day() != null) {
					this.choices.releasePickup(order.hub(), order.day());
				}
			}
			case NO_SHOW -> order.markNoShow(by, now);
			case COLLECTED -> throw new TransitionRefusedException("fulfilment.transition.collect-by-code");
			case PENDING -> throw new TransitionRefusedException("fulfilment.transition.not-allowed",
					order.orderNumber(), order.status().name(), next.name());
		}
		this.orders.save(order);
		order.events().forEach(this.events::publishEvent);
		return entry(id).orElseThrow();
	}

	/**
	 * Moves several fulfilment orders on at once, e.g. a batch of picked orders to
	 * PACKED. Each order moves or stays on its own; a refusal does not stop the others.
	 * @param ids the fulfilment orders
	 * @param next where to: PICKING, PACKED, READY_FOR_PICKUP or OUT_FOR_DELIVERY
	 * @param by who
	 * @return how many moved, and the refusals
	 */
	@Transactional
	public BatchResult moveAll(List<UUID> ids, FulfilmentStatus next, Actor by) {
		if (next != FulfilmentStatus.PICKING && next != FulfilmentStatus.PACKED
				&& next != FulfilmentStatus.READY_FOR_PICKUP && next != FulfilmentStatus.OUT_FOR_DELIVERY) {
			throw new TransitionRefusedException("fulfilment.batch.not-allowed", next.name());
		}
		int moved = 0;
		List<TransitionRefusedException> refused = new ArrayList<>();
		Instant now = this.clock.instant();
		for (UUID id : ids.stream().distinct().sorted().toList()) {
			Optional<FulfilmentOrder> found = this.orders.lock(id);
			if (found.isEmpty()) {
				continue;
			}
			FulfilmentOrder order = found.get();
			try {
				switch (next) {
					case PICKING -> order.startPicking(by, now);
					case PACKED -> order.pack(by, now);
					case READY_FOR_PICKUP -> order.markReadyForPickup(by, now);
					default -> order.sendOut(by, now);
				}
			}
			catch (TransitionRefusedException ex) {
				refused.add(ex);
				continue;
			}
			this.orders.save(order);
			order.events().forEach(this.events::publishEvent);
			moved++;
		}
		return new BatchResult(moved, refused);
	}

	/**
	 * Marks every pickup still waiting at its hub a given time after it was put on the
	 * shelf as not collected. Each order moves in its own short step and publishes
	 * {@link PickupNoShow}, so the refund and the second chance follow.
	 * @param after how long a pickup waits after it was ready
	 * @return how many were marked
	 */
	public int markUncollected(Duration after) {
		Instant deadline = this.clock.instant().minus(after);
		List<UUID> overdue = this.jdbc.sql("""
				select f.id from fulfilment_orders f
				where f.status = 'READY_FOR_PICKUP'
				  and (select max(c.changed_at) from fulfilment_status_changes c
				       where c.fulfilment_order_id = f.id and c.to_status = 'READY_FOR_PICKUP') <= ?
				order by f.id
				""").param(Timestamp.from(deadline)).query(UUID.class).list();
		int marked = 0;
		for (UUID id : overdue) {
			try {
				this.transactions.executeWithoutResult(tx -> move(id, FulfilmentStatus.NO_SHOW, null, Actor.SYSTEM));
				marked++;
			}
			catch (TransitionRefusedException ex) {
				// Collected or cancelled meanwhile: nothing to do.
			}
		}
		return marked;
	}

	/**
	 * Hands a pickup over at a hub against the code the fan shows (typed or scanned). A
	 * code works once, at its own hub, when the order is ready; {@link PickupCollected}
	 * is published with the handover.
	 * @param hubSlug the hub where ops stand
	 * @param code the code
	 * @param by who hands it over
	 * @return the order handed over
	 * @throws TransitionRefusedException for a wrong code, a code of another hub, a code
	 * used before, an order not ready yet
	 */
	@Transactional
	public Handover handOver(String hubSlug, String code, Actor by) {
		Hub hub = requireHub(hubSlug);
		String typed = (code != null) ? FulfilmentOrder.normaliseCode(code) : "";
		if (typed.isEmpty() || typed.length() > 12) {
			throw new TransitionRefusedException("fulfilment.handover.wrong-code");
		}
		FulfilmentOrder order = this.orders.lockByCode(typed)
			.orElseThrow(() -> new TransitionRefusedException("fulfilment.handover.wrong-code"));
		if (!hub.id().equals(order.hub())) {
			String other = this.hubs.find(order.hub()).map(Hub::name).orElse("?");
			throw new TransitionRefusedException("fulfilment.handover.other-hub", other);
		}
		order.collect(typed, by, this.clock.instant());
		this.orders.save(order);
		order.events().forEach(this.events::publishEvent);
		return new Handover(entry(order.id()).orElseThrow());
	}

	private Optional<FulfilmentEntry> entry(UUID id) {
		return this.jdbc.sql("select " + ENTRY_COLUMNS + " where f.id = ?")
			.param(id)
			.query(FulfilmentManagement::entry)
			.optional();
	}

	private Hub requireHub(String slug) {
		return this.hubs.find((slug != null) ? slug : "")
			.orElseThrow(() -> new IllegalArgumentException("No hub " + slug));
	}

	static FulfilmentEntry entry(ResultSet rs, int row) throws SQLException {
		Date day = rs.getDate("day");
		Timestamp updated = rs.getTimestamp("updated_at");
		return new FulfilmentEntry(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), rs.getString("display_name"), rs.getString("drop_slug"),
				rs.getString("drop_title"), rs.getString("sku_name"), rs.getInt("quantity"),
				Arrays.asList((Integer[]) rs.getArray("editions").getArray()),
				rs.getObject("edition_size", Integer.class), Fulfilment.Method.valueOf(rs.getString("method")),
				rs.getString("hub_slug"), rs.getString("hub_name"), (day != null) ? day.toLocalDate() : null,
				rs.getObject("slot_starts", LocalTime.class), rs.getObject("slot_ends", LocalTime.class),
				rs.getString("address"), rs.getString("postcode"), FulfilmentStatus.valueOf(rs.getString("status")),
				rs.getString("tracking_number"), rs.getString("cancel_reason"),
				rs.getTimestamp("created_at").toInstant(), updated.toInstant());
	}

	/**
	 * The outcome of a batch move.
	 *
	 * @param moved how many orders moved
	 * @param refused why the others did not
	 */
	public record BatchResult(int moved, List<TransitionRefusedException> refused) {
	}

}
