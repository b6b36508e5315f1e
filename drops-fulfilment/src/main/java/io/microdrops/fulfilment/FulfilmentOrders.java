package io.microdrops.fulfilment;

import java.security.SecureRandom;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderPlaced;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Repository;

/**
 * Stores fulfilment orders and their history.
 */
@Repository
class FulfilmentOrders {

	/**
	 * Letters and digits nobody confuses when reading them aloud (no 0/O, 1/I/L, 2/Z,
	 * 5/S, 8/B).
	 */
	private static final char[] CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679".toCharArray();

	private static final int CODE_LENGTH = 6;

	private static final String COLUMNS = """
			id, order_id, order_number, account_id, drop_item_id, editions, method, hub_id, day, slot_starts,
			slot_ends, address, postcode, pickup_code, image_token, version, status, pickup_code_used_at,
			tracking_number, cancel_reason, updated_at
			""";

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	FulfilmentOrders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates the fulfilment order of a placed order unless it exists: the second
	 * delivery of the same event inserts nothing.
	 * @return {@code true} when created now
	 */
	boolean createIfAbsent(OrderPlaced event, UUID hub, LocalTime slotEnds, Instant now) {
		Fulfilment choice = event.fulfilment();
		boolean pickup = choice.method() == Fulfilment.Method.PICKUP;
		for (int attempt = 0; attempt < 10; attempt++) {
			UUID id = UUID.randomUUID();
			int inserted = this.jdbc.sql("""
					insert into fulfilment_orders (id, order_id, order_number, account_id, drop_item_id, quantity,
					                               editions, method, hub_id, day, slot_starts, slot_ends, address,
					                               postcode, status, pickup_code, image_token, created_at, updated_at)
					values (:id, :order, :number, :fan, :item, :quantity, :editions, :method, :hub, :day, :starts,
					        :ends, :address, :postcode, 'PENDING', :code, :token, :now, :now)
					on conflict do nothing
					""")
				.param("id", id)
				.param("order", event.order())
				.param("number", event.number())
				.param("fan", event.fan().value())
				.param("item", event.dropItem())
				.param("quantity", event.editions().size())
				.param("editions", event.editions().toArray(Integer[]::new))
				.param("method", choice.method().name())
				.param("hub", hub)
				.param("day", (choice.day() != null) ? Date.valueOf(choice.day()) : null)
				.param("starts", pickup ? choice.slot() : null)
				.param("ends", pickup ? slotEnds : null)
				.param("address", (choice.method() != Fulfilment.Method.PICKUP) ? choice.address() : null)
				.param("postcode", (choice.method() == Fulfilment.Method.LOCAL_DELIVERY) ? choice.postcode() : null)
				.param("code", pickup ? newCode() : null)
				.param("token", HexFormat.of().formatHex(token()))
				.param("now", Timestamp.from(now))
				.update();
			if (inserted == 1) {
				this.jdbc.sql("""
						insert into fulfilment_status_changes (id, fulfilment_order_id, from_status, to_status,
						                                       actor_name, changed_at)
						values (?, ?, null, 'PENDING', ?, ?)
						""").params(UUID.randomUUID(), id, Actor.SYSTEM.name(), Timestamp.from(now)).update();
				return true;
			}
			if (existsFor(event.order())) {
				return false;
			}
			// A pickup code or image token clashed with another order's: draw again.
		}
		throw new IllegalStateException("Could not draw a free pickup code for order " + event.number());
	}

	Optional<FulfilmentOrder> lock(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from fulfilment_orders where id = ? for update")
			.param(id)
			.query(FulfilmentOrders::row)
			.optional();
	}

	Optional<FulfilmentOrder> lockByCode(String code) {
		return this.jdbc.sql("select " + COLUMNS + " from fulfilment_orders where pickup_code = ? for update")
			.param(code)
			.query(FulfilmentOrders::row)
			.optional();
	}

	/**
	 * Stores the order's new state and its recorded changes.
	 * @throws OptimisticLockingFailureException when it changed meanwhile
	 */
	void save(FulfilmentOrder order) {
		int updated = this.jdbc.sql("""
				update fulfilment_orders
				set status = :status, pickup_code_used_at = :used, tracking_number = :tracking,
				    cancel_reason = :reason, updated_at = :updated, version = version + 1
				where id = :id and version = :version
				""")
			.param("status", order.status().name())
			.param("used", (order.pickupCodeUsedAt() != null) ? Timestamp.from(order.pickupCodeUsedAt()) : null)
			.param("tracking", order.trackingNumber())
			.param("reason", order.cancelReason())
			.param("updated", Timestamp.from(order.updatedAt()))
			.param("id", order.id())
			.param("version", order.version())
			.update();
		if (updated != 1) {
			throw new OptimisticLockingFailureException("Fulfilment order " + order.id() + " changed meanwhile");
		}
		for (FulfilmentOrder.StatusChange change : order.changes()) {
			this.jdbc.sql("""
					insert into fulfilment_status_changes (id, fulfilment_order_id, from_status, to_status, actor_id,
					                                       actor_name, note, changed_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(UUID.randomUUID(), order.id(), change.from().name(), change.to().name(), change.by().account(),
						change.by().name(), change.note(), Timestamp.from(change.at()))
				.update();
		}
	}

	private boolean existsFor(UUID order) {
		return this.jdbc.sql("select exists (select 1 from fulfilment_orders where order_id = ?)")
			.param(order)
			.query(Boolean.class)
			.single();
	}

	private String newCode() {
		char[] code = new char[CODE_LENGTH];
		for (int i = 0; i < code.length; i++) {
			code[i] = CODE_ALPHABET[this.random.nextInt(CODE_ALPHABET.length)];
		}
		return new String(code);
	}

	private byte[] token() {
		byte[] token = new byte[16];
		this.random.nextBytes(token);
		return token;
	}

	private static FulfilmentOrder row(ResultSet rs, int row) throws SQLException {
		Date day = rs.getDate("day");
		Timestamp used = rs.getTimestamp("pickup_code_used_at");
		return new FulfilmentOrder(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getObject("drop_item_id", UUID.class), Arrays.asList((Integer[]) rs.getArray("editions").getArray()),
				Fulfilment.Method.valueOf(rs.getString("method")), rs.getObject("hub_id", UUID.class),
				(day != null) ? day.toLocalDate() : null, rs.getObject("slot_starts", LocalTime.class),
				rs.getObject("slot_ends", LocalTime.class), rs.getString("address"), rs.getString("postcode"),
				rs.getString("pickup_code"), rs.getString("image_token"), rs.getLong("version"),
				FulfilmentStatus.valueOf(rs.getString("status")), (used != null) ? used.toInstant() : null,
				rs.getString("tracking_number"), rs.getString("cancel_reason"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
