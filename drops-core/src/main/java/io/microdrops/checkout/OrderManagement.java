package io.microdrops.checkout;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a paid hold into an order, exactly once. The payment call happens between two
 * short transactions, never while a row lock is held: the first checks the hold, the
 * second locks it and records the order. A retry finds the order already placed; the
 * provider's idempotency key (the reservation id) keeps it from charging twice. A hold is
 * judged when the payment begins and is not released while it is in flight (see
 * {@link #PAYMENT_WINDOW}); one released meanwhile (given back) gets its charge refunded.
 * Where a drop counts accounts sharing a card or a delivery address as one fan, their
 * orders are recorded one after the other under a lock per identity, and one over the
 * per-fan limit is refused before the charge, or refunded when another account's order
 * came first while it paid.
 */
@Service
public class OrderManagement {

	private static final Log logger = LogFactory.getLog(OrderManagement.class);

	private static final String ORDER_COLUMNS = """
			o.id, o.number, o.reservation_id, o.account_id, o.quantity, o.editions, o.total_minor, o.currency,
			o.fulfilment_method, o.fulfilment_hub, o.fulfilment_address, o.fulfilment_day, o.fulfilment_slot,
			o.payment_provider, o.created_at,
			o.payment_status, o.status, d.slug as drop_slug, s.slug as sku, s.name as sku_name, s.edition_size
			from orders o join drop_items i on i.id = o.drop_item_id join drops d on d.id = i.drop_id
			join skus s on s.id = i.sku_id
			""";

	/**
	 * How long after a payment began its hold stays unreleased, past its expiry if need
	 * be: longer than a payment provider takes to answer (Stripe: a card lookup and the
	 * charge, each with one retry of a 10 s connect and a 20 s read, about two minutes at
	 * worst).
	 */
	static final Duration PAYMENT_WINDOW = Duration.ofMinutes(3);

	static final String PRICE_ABOVE_AUTHORISATION = "The price rose above the amount authorised on your card, so nothing was taken.";

	private final JdbcClient jdbc;

	private final PaymentProvider payments;

	private final ApplicationEventPublisher events;

	private final IdempotentAnswers answers;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final FulfilmentOptions fulfilmentOptions;

	private final FanIdentities identities;

	private final RefusedAttempts refused;

	private final SoldOutMarks soldOut;

	OrderManagement(JdbcClient jdbc, PaymentProvider payments, ApplicationEventPublisher events,
			IdempotentAnswers answers, PlatformTransactionManager transactionManager, Clock clock,
			ObjectProvider<FulfilmentOptions> fulfilmentOptions, FanIdentities identities, RefusedAttempts refused,
			SoldOutMarks soldOut) {
		this.identities = identities;
		this.refused = refused;
		this.soldOut = soldOut;
		this.jdbc = jdbc;
		this.payments = payments;
		this.events = events;
		this.answers = answers;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.fulfilmentOptions = fulfilmentOptions.getIfAvailable(() -> ANY_COMPLETE_CHOICE);
	}

	/** Without a fulfilment module, any complete choice goes. */
	private static final FulfilmentOptions ANY_COMPLETE_CHOICE = new FulfilmentOptions() {

		@Override
		public Fulfilment check(UUID dropItem, int quantity, Fulfilment choice) {
			return choice;
		}

		@Override
		public void book(UUID order, UUID dropItem, int quantity, Fulfilment choice) {
		}

	};

	/**
	 * Pays for a hold and places the order, answering a retry with the same idempotency
	 * key exactly like the first request: the same order, or the same refusal (declined,
	 * the hold gone, not found), for as long as the key is kept. Invalid input and an
	 * unreachable provider are not kept: the fan may correct the request and send it with
	 * the same key.
	 * @param command the hold, the payer, the payment method and the fulfilment choice
	 * @param idempotencyKey the client's key, or {@code null} for
	 * {@link #placeOrder(PlaceOrder)}
	 * @return the order
	 * @throws CheckoutRefusedException as {@link #placeOrder(PlaceOrder)}, and
	 * IDEMPOTENCY_KEY_REUSED when the key came with a different request
	 */
	public Order placeOrder(PlaceOrder command, String idempotencyKey) {
		if (idempotencyKey == null) {
			return placeOrder(command);
		}
		String fingerprint = command.fingerprint();
		IdempotentAnswers.Answer taken = this.transactions.execute(status -> this.answers.take(command.fan(),
				IdempotentAnswers.Operation.ORDER, idempotencyKey, fingerprint, this.clock.instant()));
		if (!taken.isFor(fingerprint)) {
			throw new CheckoutRefusedException(Reason.IDEMPOTENCY_KEY_REUSED);
		}
		if (taken.isSettled()) {
			return replay(taken, command.fan());
		}
		// Not answered yet: the first request, or one that stopped half-way. Placing is
		// idempotent per hold, so doing it (again) is safe.
		UUID order = null;
		CheckoutRefusedException refusal = null;
		try {
			order = placeOrder(command).id();
		}
		catch (CheckoutRefusedException ex) {
			if (!IdempotentAnswers.keeps(ex.reason())) {
				this.answers.release(command.fan(), IdempotentAnswers.Operation.ORDER, idempotencyKey, fingerprint);
				throw ex;
			}
			refusal = ex;
		}
		catch (RuntimeException ex) {
			this.answers.release(command.fan(), IdempotentAnswers.Operation.ORDER, idempotencyKey, fingerprint);
			throw ex;
		}
		UUID placed = order;
		CheckoutRefusedException refused = refusal;
		IdempotentAnswers.Answer settled = this.transactions.execute(status -> this.answers.settle(command.fan(),
				IdempotentAnswers.Operation.ORDER, idempotencyKey, placed, refused));
		// A concurrent request with the same key may have answered first: its answer
		// is everyone's.
		return replay(settled, command.fan());
	}

	private Order replay(IdempotentAnswers.Answer answer, AccountId fan) {
		if (answer.refusal() != null) {
			throw answer.refusalAgain();
		}
		return find(answer.order(), fan).orElseThrow();
	}

	/**
	 * Pays for a hold and places the order.
	 * @param command the hold, the payer, the payment method and the fulfilment choice
	 * @return the order, also when it had been placed already by an earlier attempt
	 * @throws CheckoutRefusedException NOT_FOUND (unknown or another fan's hold),
	 * NOT_HELD (expired or released before the payment began: no charge; or released
	 * while paying: refunded, {@link CheckoutRefusedException#refunded()}),
	 * PAYMENT_DECLINED (the hold stays), PRICE_CHANGED (the hold costs other than the
	 * total the fan was shown: nothing charged, the hold stays), INVALID_FULFILMENT
	 * ({@link FulfilmentRefusedException} when the fulfilment module refused the choice:
	 * before any charge, or refunded when the last capacity went to another fan while
	 * this one paid), IDENTITY_CAP (accounts sharing the card or the delivery address own
	 * the item's per-fan limit already: nothing charged, or refunded; the hold stays)
	 */
	public Order placeOrder(PlaceOrder command) {
		return place(command, hold -> this.payments.charge(new PaymentProvider.Charge(command.reservation().toString(),
				hold.totalMinor(), hold.currency(), command.paymentMethod(), "Drops " + hold.skuName())), true);
	}

	/**
	 * Places the order of a hold paid with an authorisation taken earlier, as a
	 * pre-order's is: the authorised amount is captured instead of charging the payment
	 * method again. When the order cannot be recorded after the capture, the money stays
	 * captured for the caller's next attempt or its {@link PaymentProvider#release}.
	 * @param command the hold, the payer, the payment method and the fulfilment choice
	 * @param authorisation the provider's reference of the authorisation
	 * @param authorisedMinor the amount authorised, in minor units: a hold that costs
	 * more (the price rose since) is declined, nothing captured
	 * @return the order, also when it had been placed already by an earlier attempt
	 * @throws CheckoutRefusedException as {@link #placeOrder(PlaceOrder)};
	 * PAYMENT_DECLINED when the authorisation ended or does not cover the hold
	 */
	public Order placeAuthorisedOrder(PlaceOrder command, String authorisation, long authorisedMinor) {
		return place(command,
				hold -> (hold.totalMinor() > authorisedMinor)
						? new PaymentProvider.PaymentResult(false, null, PRICE_ABOVE_AUTHORISATION)
						: this.payments.capture(authorisation, hold.totalMinor()),
				false);
	}

	private Order place(PlaceOrder command, Function<Hold, PaymentProvider.PaymentResult> pay,
			boolean refundUnrecorded) {
		Optional<Order> placed = orderFor(command.reservation(), command.fan());
		if (placed.isPresent()) {
			return placed.get();
		}
		if (command.fulfilment() == null || !command.fulfilment().isComplete()) {
			throw new CheckoutRefusedException(Reason.INVALID_FULFILMENT);
		}
		Hold hold;
		try {
			hold = this.transactions.execute(status -> hold(command));
		}
		catch (CheckoutRefusedException ex) {
			// A concurrent attempt for the same hold may have placed the order meanwhile.
			Optional<Order> concurrent = orderFor(command.reservation(), command.fan());
			if (ex.reason() == Reason.NOT_HELD && concurrent.isPresent()) {
				return concurrent.get();
			}
			throw ex;
		}
		boolean recorded = false;
		try {
			Fulfilment fulfilment = this.fulfilmentOptions.check(hold.dropItem(), hold.quantity(), command.fulfilment(),
					command.shownAt());
			List<Identity> shared = identitiesOf(hold, command);
			if (!shared.isEmpty()) {
				// Before any charge: accounts sharing the card or address may have bought
				// the limit already. Checked again, under a lock, when the order is
				// recorded.
				this.transactions.execute(status -> {
					checkCap(hold, shared);
					return null;
				});
			}
			PaymentProvider.PaymentResult payment = pay.apply(hold);
			if (!payment.approved()) {
				throw new CheckoutRefusedException(Reason.PAYMENT_DECLINED, null, payment.declineReason());
			}
			try {
				Order order = this.transactions
					.execute(status -> record(command, hold, payment.reference(), fulfilment, shared));
				recorded = true;
				return order;
			}
			catch (CheckoutRefusedException ex) {
				if (refundUnrecorded && (ex.reason() == Reason.NOT_HELD || ex.reason() == Reason.IDENTITY_CAP
						|| ex instanceof FulfilmentRefusedException)) {
					// The hold was released (given back, or its payment took longer than
					// PAYMENT_WINDOW), another fan took the hub's last unit or slot, or
					// an account sharing the card or address bought the last allowed
					// unit, while the fan was paying: the money goes back.
					this.payments.refund(payment.reference());
					if (ex.reason() == Reason.NOT_HELD) {
						throw new CheckoutRefusedException(Reason.NOT_HELD, null, CheckoutRefusedException.REFUNDED);
					}
				}
				throw ex;
			}
		}
		finally {
			if (!recorded) {
				paid(hold);
			}
		}
	}

	/**
	 * Ends a payment attempt that placed no order: once none is in flight, an expired
	 * hold may be released again. Should this fail (the database away), the hold waits
	 * for its {@code paying_until}.
	 */
	private void paid(Hold hold) {
		try {
			this.jdbc.sql("update reservations set paying = paying - 1 where id = ? and paying > 0")
				.param(hold.id())
				.update();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not end a payment attempt of hold " + hold.id() + "; it is released after "
					+ PAYMENT_WINDOW + " at most: " + ex.getMessage());
		}
	}

	/**
	 * The identities beyond the account that the hold's drop counts as one fan: the
	 * card's fingerprint and the delivery address, as keyed hashes.
	 */
	private List<Identity> identitiesOf(Hold hold, PlaceOrder command) {
		List<Identity> shared = new ArrayList<>();
		if (hold.capAcrossCards()) {
			this.payments.cardFingerprint(command.paymentMethod())
				.ifPresent(card -> shared.add(new Identity(IdentityKind.CARD, this.identities.card(card))));
		}
		if (hold.capAcrossAddresses() && command.fulfilment().method() != Fulfilment.Method.PICKUP) {
			shared.add(new Identity(IdentityKind.ADDRESS, this.identities.address(command.fulfilment().address())));
		}
		return shared;
	}

	/**
	 * Refuses the hold when accounts sharing one of its identities own the per-fan limit
	 * of its item already (refunded and failed payments aside).
	 */
	private void checkCap(Hold hold, List<Identity> shared) {
		for (Identity identity : shared) {
			long owned = this.jdbc.sql("""
					select coalesce(sum(x.quantity), 0) from order_identities x join orders o on o.id = x.order_id
					where x.drop_item_id = ? and x.kind = ? and x.identity_hash = ?
					  and o.payment_status not in ('FAILED', 'REFUNDED') and o.status = 'PAID'
					""").params(hold.dropItem(), identity.kind().name(), identity.hash()).query(Long.class).single();
			if (owned + hold.quantity() > hold.perFanLimit()) {
				this.refused.count(hold.dropSlug(), RefusalReason.IDENTITY_CAP);
				throw new CheckoutRefusedException(Reason.IDENTITY_CAP, null, identity.kind().name());
			}
		}
	}

	/**
	 * Takes the identities' locks (in one order, so two orders never wait on each other)
	 * until the transaction ends: orders sharing a card or an address are recorded one
	 * after the other, each counting what the one before recorded.
	 */
	private void lockIdentities(Hold hold, List<Identity> shared) {
		shared.stream()
			.map(identity -> "fairness|" + hold.dropItem() + "|" + identity.kind() + "|" + identity.hash())
			.sorted()
			.forEach(lock -> this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
				.param(lock)
				.query((rs, row) -> rs.getObject(1))
				.list());
	}

	/**
	 * Takes back a paid order whose pickup nobody collected: the order is marked
	 * {@code NO_SHOW}, its units are free again (the same edition numbers: the piece goes
	 * back on the shelf, so held + sold + free still make the item's quantity), the
	 * payment is refunded through the provider and {@link OrderReturned} is published,
	 * all in one transaction. Only a {@code PAID} order is taken back, so a redelivered
	 * call changes nothing and refunds nothing; the provider's refund is itself
	 * idempotent per payment, so a retry after a failed commit does not refund twice
	 * either.
	 * @param order the order
	 * @return {@code true} when taken back now, {@code false} when unknown or taken back
	 * before
	 */
	@Transactional
	public boolean takeBackUncollected(UUID order) {
		return takeBack(order, OrderReturned.Cause.NO_SHOW);
	}

	/**
	 * Takes back a paid order ops cancelled, exactly as
	 * {@link #takeBackUncollected(UUID)} does a pickup nobody collected: the order is
	 * marked {@code CANCELLED}, its units are free again with the same edition numbers,
	 * the payment is refunded and {@link OrderReturned} is published, once.
	 * @param order the order
	 * @return {@code true} when taken back now, {@code false} when unknown or taken back
	 * before
	 */
	@Transactional
	public boolean takeBackCancelled(UUID order) {
		return takeBack(order, OrderReturned.Cause.CANCELLED);
	}

	private boolean takeBack(UUID order, OrderReturned.Cause cause) {
		record Paid(String number, UUID reservation, UUID dropItem, UUID fan, String reference,
				List<Integer> editions) {
		}
		Instant now = this.clock.instant();
		// The status guard makes the take-back happen once, whatever its cause.
		Optional<Paid> paid = this.jdbc.sql("""
				update orders set status = ?, returned_at = ? where id = ? and status = 'PAID'
				returning number, reservation_id, drop_item_id, account_id, payment_reference, editions
				""")
			.params(cause.name(), Timestamp.from(now), order)
			.query((rs, row) -> new Paid(rs.getString("number"), rs.getObject("reservation_id", UUID.class),
					rs.getObject("drop_item_id", UUID.class), rs.getObject("account_id", UUID.class),
					rs.getString("payment_reference"), Arrays.asList((Integer[]) rs.getArray("editions").getArray())))
			.optional();
		if (paid.isEmpty()) {
			return false;
		}
		Paid taken = paid.get();
		this.jdbc.sql("update drop_units set sold = false, reservation_id = null where reservation_id = ?")
			.param(taken.reservation())
			.update();
		this.soldOut.unitsComeBack();
		this.jdbc.sql("update orders set payment_status = 'REFUNDED', payment_updated_at = ? where id = ?")
			.params(Timestamp.from(now), order)
			.update();
		this.events.publishEvent(new OrderReturned(order, taken.number(), taken.dropItem(), new AccountId(taken.fan()),
				taken.editions(), cause));
		// The money goes back last: whatever fails before it rolls everything back, the
		// refund included; a failed refund rolls back the rest, to be tried again.
		this.payments.refund(taken.reference());
		return true;
	}

	/**
	 * Lists a fan's orders, newest first.
	 * @param fan the fan
	 * @return their orders only
	 */
	@Transactional(readOnly = true)
	public List<Order> ordersOf(AccountId fan) {
		return this.jdbc.sql("select " + ORDER_COLUMNS + " where o.account_id = ? order by o.created_at desc")
			.param(fan.value())
			.query(OrderManagement::order)
			.list();
	}

	/**
	 * Finds one of a fan's orders.
	 * @param order the order's id
	 * @param fan the fan
	 * @return the order, empty when unknown or another fan's
	 */
	@Transactional(readOnly = true)
	public Optional<Order> find(UUID order, AccountId fan) {
		return this.jdbc.sql("select " + ORDER_COLUMNS + " where o.id = ? and o.account_id = ?")
			.params(order, fan.value())
			.query(OrderManagement::order)
			.optional();
	}

	private Optional<Order> orderFor(UUID reservation, AccountId fan) {
		return this.jdbc.sql("select " + ORDER_COLUMNS + " where o.reservation_id = ? and o.account_id = ?")
			.params(reservation, fan.value())
			.query(OrderManagement::order)
			.optional();
	}

	private Hold hold(PlaceOrder command) {
		Hold hold = this.jdbc.sql("""
				select r.id, r.drop_item_id, r.quantity, r.editions, r.status, r.expires_at, r.paying, r.paying_until,
				       s.price_minor, s.currency, s.name as sku_name, i.per_fan_limit, d.slug as drop_slug,
				       d.cap_across_cards, d.cap_across_addresses
				from reservations r join drop_items i on i.id = r.drop_item_id join skus s on s.id = i.sku_id
				join drops d on d.id = i.drop_id
				where r.id = ? and r.account_id = ?
				""")
			.params(command.reservation(), command.fan().value())
			.query((rs, row) -> new Hold(rs.getObject("id", UUID.class), rs.getObject("drop_item_id", UUID.class),
					rs.getInt("quantity"), Arrays.asList((Integer[]) rs.getArray("editions").getArray()),
					rs.getString("status"), rs.getTimestamp("expires_at").toInstant(),
					rs.getLong("price_minor") * rs.getInt("quantity"), rs.getString("currency"),
					rs.getString("sku_name"), rs.getInt("per_fan_limit"), rs.getString("drop_slug"),
					rs.getBoolean("cap_across_cards"), rs.getBoolean("cap_across_addresses"), rs.getInt("paying"),
					(rs.getTimestamp("paying_until") != null) ? rs.getTimestamp("paying_until").toInstant() : null))
			.optional()
			.orElseThrow(() -> new CheckoutRefusedException(Reason.NOT_FOUND));
		Instant now = this.clock.instant();
		if (!hold.isHeldAt(now)) {
			throw new CheckoutRefusedException(Reason.NOT_HELD);
		}
		// The amount charged is the one read here: it must be the one the fan saw.
		PlaceOrder.Total shown = command.shownTotal();
		if (shown != null && (shown.minor() != hold.totalMinor() || !hold.currency().equals(shown.currency()))) {
			throw new CheckoutRefusedException(new PlaceOrder.Total(hold.totalMinor(), hold.currency()));
		}
		// Judged now, as the fan presses Pay: the hold is not released while a payment is
		// in flight, even if it expires meanwhile. paying counts the attempts and
		// paying_until bounds them, should a node go away mid-payment.
		int marked = this.jdbc.sql("""
				update reservations set paying = paying + 1, paying_until = greatest(paying_until, ?)
				where id = ? and status = 'HELD'
				""").params(Timestamp.from(now.plus(PAYMENT_WINDOW)), hold.id()).update();
		if (marked == 0) {
			throw new CheckoutRefusedException(Reason.NOT_HELD);
		}
		return hold;
	}

	private Order record(PlaceOrder command, Hold hold, String paymentReference, Fulfilment fulfilment,
			List<Identity> shared) {
		lockIdentities(hold, shared);
		String status = this.jdbc.sql("select status from reservations where id = ? for update")
			.param(hold.id())
			.query(String.class)
			.single();
		if ("ORDERED".equals(status)) {
			// A concurrent attempt for the same hold won; the provider charged once.
			return orderFor(command.reservation(), command.fan()).orElseThrow();
		}
		// Still held: the hold was live when the payment began and has not been released
		// since (the release waits for the payment), so the units are still the fan's.
		if (!"HELD".equals(status)) {
			throw new CheckoutRefusedException(Reason.NOT_HELD);
		}
		checkCap(hold, shared);
		Instant now = this.clock.instant();
		this.jdbc.sql("update drop_units set sold = true where reservation_id = ?").param(hold.id()).update();
		this.jdbc.sql("update reservations set status = 'ORDERED' where id = ?").param(hold.id()).update();
		UUID id = UUID.randomUUID();
		String number = "D-" + this.jdbc.sql("select nextval('order_numbers')").query(Long.class).single();
		this.jdbc.sql("""
				insert into orders (id, number, reservation_id, account_id, drop_item_id, quantity, editions,
				                    total_minor, currency, status, fulfilment_method, fulfilment_hub,
				                    fulfilment_address, fulfilment_day, fulfilment_slot, payment_provider,
				                    payment_reference, created_at)
				values (:id, :number, :reservation, :fan, :item, :quantity, :editions, :total, :currency, 'PAID',
				        :method, :hub, :address, :day, :slot, :provider, :reference, :now)
				""")
			.param("id", id)
			.param("number", number)
			.param("reservation", hold.id())
			.param("fan", command.fan().value())
			.param("item", hold.dropItem())
			.param("quantity", hold.quantity())
			.param("editions", hold.editions().toArray(Integer[]::new))
			.param("total", hold.totalMinor())
			.param("currency", hold.currency())
			.param("method", fulfilment.method().name())
			.param("hub", (fulfilment.method() != Fulfilment.Method.SHIPPING) ? fulfilment.hub() : null)
			.param("address", (fulfilment.method() != Fulfilment.Method.PICKUP) ? fulfilment.address() : null)
			.param("day", (fulfilment.day() != null) ? Date.valueOf(fulfilment.day()) : null)
			.param("slot", (fulfilment.slot() != null) ? Time.valueOf(fulfilment.slot()) : null)
			.param("provider", this.payments.name())
			.param("reference", paymentReference)
			.param("now", Timestamp.from(now))
			.update();
		for (Identity identity : shared) {
			this.jdbc.sql("""
					insert into order_identities (order_id, drop_item_id, kind, identity_hash, quantity)
					values (?, ?, ?, ?, ?)
					""").params(id, hold.dropItem(), identity.kind().name(), identity.hash(), hold.quantity()).update();
		}
		this.fulfilmentOptions.book(id, hold.dropItem(), hold.quantity(), fulfilment);
		this.events.publishEvent(new OrderPlaced(id, number, command.fan(), hold.dropItem(), hold.editions(),
				hold.totalMinor(), hold.currency(), fulfilment));
		return orderFor(command.reservation(), command.fan()).orElseThrow();
	}

	private enum IdentityKind {

		CARD, ADDRESS

	}

	private record Identity(IdentityKind kind, String hash) {
	}

	private static Order order(ResultSet rs, int row) throws SQLException {
		Date day = rs.getDate("fulfilment_day");
		Time slot = rs.getTime("fulfilment_slot");
		Fulfilment fulfilment = new Fulfilment(Fulfilment.Method.valueOf(rs.getString("fulfilment_method")),
				rs.getString("fulfilment_hub"), rs.getString("fulfilment_address"), null, null, null,
				(day != null) ? day.toLocalDate() : null, (slot != null) ? slot.toLocalTime() : null);
		Integer editionSize = rs.getObject("edition_size", Integer.class);
		return new Order(rs.getObject("id", UUID.class), rs.getString("number"),
				rs.getObject("reservation_id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getString("drop_slug"), rs.getString("sku"), rs.getString("sku_name"), rs.getInt("quantity"),
				Arrays.asList((Integer[]) rs.getArray("editions").getArray()), editionSize, rs.getLong("total_minor"),
				rs.getString("currency"), fulfilment, rs.getString("payment_provider"),
				rs.getTimestamp("created_at").toInstant(), Order.PaymentStatus.valueOf(rs.getString("payment_status")),
				Order.Status.valueOf(rs.getString("status")));
	}

	private record Hold(UUID id, UUID dropItem, int quantity, List<Integer> editions, String status, Instant expiresAt,
			long totalMinor, String currency, String skuName, int perFanLimit, String dropSlug, boolean capAcrossCards,
			boolean capAcrossAddresses, int paying, Instant payingUntil) {

		/**
		 * Held, and not run out, or run out while a payment began before may still be in
		 * flight (a second attempt, a retry after a node went away).
		 */
		boolean isHeldAt(Instant now) {
			return "HELD".equals(this.status) && (now.isBefore(this.expiresAt)
					|| (this.paying > 0 && this.payingUntil != null && now.isBefore(this.payingUntil)));
		}

	}

}
