package io.microdrops.preorder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.FulfilmentOptions;
import io.microdrops.checkout.FulfilmentRefusedException;
import io.microdrops.checkout.PaymentProvider;
import io.microdrops.checkout.PaymentUnavailableException;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropItem;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.PreorderOutcome;
import io.microdrops.preorder.PreorderRefusedException.Reason;
import io.microdrops.shared.Money;
import io.microdrops.waitlist.WaitlistManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes pre-orders and tells where they stand. A pre-order is a reservation of intent: no
 * unit is claimed and nothing is charged until the drop's threshold is reached at its
 * deadline (see {@link PreorderSettlement}). Placing one locks the drop's pre-order row,
 * so the units pre-ordered of an item never exceed its released quantity (confirmation
 * can then give every pre-order its units) and a fan has one open pre-order per item:
 * asking again answers with that one.
 */
@Service
public class PreorderManagement {

	private static final Logger logger = LoggerFactory.getLogger(PreorderManagement.class);

	/**
	 * How long after the deadline an authorisation must still hold: the settlement
	 * decides within seconds, but converts with retries while the provider is down.
	 */
	static final Duration SETTLEMENT_MARGIN = Duration.ofDays(1);

	static final String COLUMNS = """
			p.id, p.account_id, p.quantity, p.status, p.created_at, p.settled_at, p.order_id, p.failure,
			p.failure_detail, p.fulfilment_method, p.fulfilment_hub, p.fulfilment_address,
			d.slug as drop_slug, d.title as drop_title,
			coalesce(d.preorder_deadline, d.early_access_at, d.opens_at) as deadline,
			c.time_zone, s.slug as sku, s.name as sku_name, s.price_minor, s.currency
			from preorders p join drops d on d.id = p.drop_id join communities c on c.id = d.community_id
			join skus s on s.id = p.sku_id
			""";

	private final DropManagement drops;

	private final CatalogManagement catalog;

	private final WaitlistManagement waitlists;

	private final PaymentProvider payments;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ObjectProvider<FulfilmentOptions> fulfilmentOptions;

	private final TransactionTemplate transactions;

	PreorderManagement(DropManagement drops, CatalogManagement catalog, WaitlistManagement waitlists,
			PaymentProvider payments, JdbcClient jdbc, Clock clock, ObjectProvider<FulfilmentOptions> fulfilmentOptions,
			PlatformTransactionManager transactionManager) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.drops = drops;
		this.catalog = catalog;
		this.waitlists = waitlists;
		this.payments = payments;
		this.jdbc = jdbc;
		this.clock = clock;
		this.fulfilmentOptions = fulfilmentOptions;
	}

	/**
	 * Places a pre-order, or answers with the fan's open pre-order of the item when it
	 * has the same quantity. With a payment provider that authorises (Stripe), the amount
	 * (price times quantity) is authorised on the fan's card first, outside any
	 * transaction and lock, under a key derived from the new pre-order's id; a declined
	 * authorisation writes nothing, and one that cannot be recorded (the last unit went
	 * to another fan meanwhile) is released at once.
	 * @param command what the fan pre-orders, with what to charge later and how it should
	 * reach them
	 * @return the pre-order, and whether it existed already
	 * @throws PreorderRefusedException when the drop takes no pre-orders (now, or from
	 * this fan), the quantity is wrong, every unit is pre-ordered, the payment method or
	 * fulfilment cannot be used, the authorisation was declined, or the deadline lies
	 * beyond the provider's authorisation window
	 * @throws PaymentUnavailableException when the payment provider cannot be asked now;
	 * nothing was written
	 */
	public PlacedPreorder place(PlacePreorder command) {
		Instant now = this.clock.instant();
		Checked checked = this.transactions.execute(status -> check(command, now));
		if (checked.open() != null) {
			return new PlacedPreorder(checked.open(), true);
		}
		UUID id = UUID.randomUUID();
		Money total = checked.price().times(command.quantity());
		PaymentProvider.PaymentResult authorised = this.payments.authorise(
				new PaymentProvider.Authorisation(id.toString(), total.minor(), total.currency().getCurrencyCode(),
						checked.paymentMethod(), "Drops pre-order " + checked.skuName()));
		if (!authorised.approved()) {
			throw new PreorderRefusedException(Reason.PAYMENT_DECLINED, authorised.declineReason());
		}
		String authorisation = authorised.reference();
		PlacedPreorder placed;
		try {
			placed = this.transactions
				.execute(status -> record(command, checked, id, authorisation, total.minor(), this.clock.instant()));
		}
		catch (RuntimeException ex) {
			releaseQuietly(authorisation, id);
			throw ex;
		}
		if (placed.alreadyPlaced()) {
			// A concurrent request placed the same pre-order first: it holds its own.
			releaseQuietly(authorisation, id);
		}
		return placed;
	}

	/**
	 * Checks the rules that need no lock, before anything is authorised.
	 */
	private Checked check(PlacePreorder command, Instant now) {
		if (command.quantity() < 1) {
			throw new PreorderRefusedException(Reason.INVALID_QUANTITY);
		}
		Drop drop = this.drops.find(command.dropSlug())
			.filter(found -> found.stateAt(now).isPublic())
			.orElseThrow(() -> new PreorderRefusedException(Reason.NOT_FOUND));
		if (drop.preorderThreshold() == null || drop.accessMode() == AccessMode.DRAW) {
			throw new PreorderRefusedException(Reason.NO_PREORDERS);
		}
		if (!isCollecting(drop, now)) {
			throw new PreorderRefusedException(Reason.CLOSED);
		}
		Sku sku = skuOf(command.sku());
		DropItem item = itemOf(drop, sku);
		if (drop.accessMode() == AccessMode.WAITLIST_ONLY && !this.waitlists.isOnWaitlist(drop.id(), command.fan())) {
			throw new PreorderRefusedException(Reason.WAITLIST_ONLY);
		}
		if (command.quantity() > item.perFanLimit()) {
			throw new PreorderRefusedException(Reason.OVER_LIMIT);
		}
		String paymentMethod = (command.paymentMethod() != null) ? command.paymentMethod().strip() : null;
		if (!this.payments.canKeepForLater(paymentMethod)) {
			throw new PreorderRefusedException(Reason.INVALID_PAYMENT);
		}
		Fulfilment fulfilment = command.fulfilment();
		if (fulfilment == null || !fulfilment.isComplete()) {
			throw new PreorderRefusedException(Reason.INVALID_FULFILMENT);
		}
		// The hub, delivery area and allocation are checked now, as checkout will at
		// confirmation, so a pre-order never waits for a choice that cannot be served.
		FulfilmentOptions options = this.fulfilmentOptions.getIfAvailable();
		if (options != null) {
			try {
				options.check(item.id(), command.quantity(), fulfilment);
			}
			catch (FulfilmentRefusedException ex) {
				throw new PreorderRefusedException(Reason.INVALID_FULFILMENT);
			}
		}
		Optional<Preorder> open = openPreorder(item.id(), command.fan());
		if (open.isPresent()) {
			if (open.get().quantity() != command.quantity()) {
				throw new PreorderRefusedException(Reason.ALREADY_PREORDERED);
			}
			return new Checked(drop, item, sku.price(), sku.name(), paymentMethod, open.get());
		}
		if (authorisationOpensAt(drop).filter(now::isBefore).isPresent()) {
			throw new PreorderRefusedException(Reason.TOO_EARLY);
		}
		if (pendingUnits(item.id()) + command.quantity() > item.quantity()) {
			throw new PreorderRefusedException(Reason.FULL);
		}
		return new Checked(drop, item, sku.price(), sku.name(), paymentMethod, null);
	}

	/**
	 * Tells from when a drop's pre-orders can be authorised with the payment provider: an
	 * authorisation must still hold when the pre-orders are settled, a margin after the
	 * deadline.
	 * @param drop the drop
	 * @return the moment, or empty when the provider takes no authorisations
	 */
	public Optional<Instant> authorisationOpensAt(Drop drop) {
		return this.payments.authorisationWindow()
			.filter(window -> drop.preorderDeadline() != null)
			.map(window -> drop.preorderDeadline().minus(window).plus(SETTLEMENT_MARGIN));
	}

	/**
	 * Records the pre-order with the drop's pre-order row locked, checking again what a
	 * concurrent request may have changed.
	 */
	private PlacedPreorder record(PlacePreorder command, Checked checked, UUID id, String authorisation,
			long authorisedMinor, Instant now) {
		UUID dropId = checked.drop().id().value();
		if (lockDrop(dropId, now) || !isCollecting(checked.drop(), now)) {
			throw new PreorderRefusedException(Reason.CLOSED);
		}
		DropItem item = checked.item();
		Optional<Preorder> open = openPreorder(item.id(), command.fan());
		if (open.isPresent()) {
			if (open.get().quantity() != command.quantity()) {
				throw new PreorderRefusedException(Reason.ALREADY_PREORDERED);
			}
			return new PlacedPreorder(open.get(), true);
		}
		if (pendingUnits(item.id()) + command.quantity() > item.quantity()) {
			throw new PreorderRefusedException(Reason.FULL);
		}
		Fulfilment fulfilment = command.fulfilment();
		this.jdbc.sql("""
				insert into preorders (id, drop_id, drop_item_id, sku_id, account_id, quantity, payment_method,
				                       fulfilment_method, fulfilment_hub, fulfilment_address, status, created_at,
				                       authorisation, authorised_minor, authorisation_status)
				values (:id, :drop, :item, :sku, :fan, :quantity, :payment, :method, :hub, :address, 'PENDING', :now,
				        :authorisation, :authorised, :authorisationStatus)
				""")
			.param("id", id)
			.param("drop", dropId)
			.param("item", item.id())
			.param("sku", item.sku().value())
			.param("fan", command.fan().value())
			.param("quantity", command.quantity())
			.param("payment", checked.paymentMethod())
			.param("method", fulfilment.method().name())
			.param("hub", (fulfilment.method() == Fulfilment.Method.PICKUP) ? fulfilment.hub().strip() : null)
			.param("address", (fulfilment.method() != Fulfilment.Method.PICKUP) ? fulfilment.address().strip() : null)
			.param("now", Timestamp.from(now))
			.param("authorisation", authorisation)
			.param("authorised", (authorisation != null) ? authorisedMinor : null)
			.param("authorisationStatus", (authorisation != null) ? "AUTHORISED" : null)
			.update();
		return new PlacedPreorder(find(id, command.fan()).orElseThrow(), false);
	}

	private Optional<Preorder> openPreorder(UUID item, AccountId fan) {
		return this.jdbc
			.sql("select " + COLUMNS + " where p.drop_item_id = ? and p.account_id = ? and p.status in ('PENDING', "
					+ "'CONFIRMING')")
			.params(item, fan.value())
			.query(PreorderManagement::preorder)
			.optional();
	}

	private int pendingUnits(UUID item) {
		return this.jdbc
			.sql("select coalesce(sum(quantity), 0) from preorders where drop_item_id = ? and status = 'PENDING'")
			.param(item)
			.query(Integer.class)
			.single();
	}

	private void releaseQuietly(String authorisation, UUID preorder) {
		if (authorisation == null) {
			return;
		}
		try {
			this.payments.release(authorisation);
		}
		catch (RuntimeException ex) {
			// Unrecorded, so no later run can retry it: the provider lets it lapse at the
			// end of its window.
			logger.warn("Could not release authorisation {} of unplaced pre-order {}", authorisation, preorder, ex);
		}
	}

	/**
	 * What the checks found: the drop and item, today's price, the cleaned payment
	 * method, and the fan's open pre-order of the item if any.
	 */
	private record Checked(Drop drop, DropItem item, Money price, String skuName, String paymentMethod, Preorder open) {
	}

	/**
	 * Withdraws a fan's pending pre-order, before the deadline.
	 * @param preorder the pre-order
	 * @param fan the fan (another fan's pre-order is not found)
	 * @throws PreorderRefusedException NOT_FOUND, or NOT_CANCELLABLE once the deadline
	 * passed or it is settled
	 */
	@Transactional
	public void cancel(UUID preorder, AccountId fan) {
		Preorder found = find(preorder, fan).orElseThrow(() -> new PreorderRefusedException(Reason.NOT_FOUND));
		Instant now = this.clock.instant();
		Drop drop = this.drops.require(found.dropSlug());
		boolean decided = lockDrop(drop.id().value(), now);
		boolean cancelled = !decided && isCollecting(drop, now) && this.jdbc.sql("""
				update preorders set status = 'CANCELLED', settled_at = ?
				where id = ? and account_id = ? and status = 'PENDING'
				""").params(Timestamp.from(now), preorder, fan.value()).update() == 1;
		if (!cancelled) {
			throw new PreorderRefusedException(Reason.NOT_CANCELLABLE);
		}
	}

	/**
	 * Tells where a drop's pre-order validation stands, counted from the database.
	 * @param drop the drop
	 * @return the progress, empty for a drop that takes no pre-orders and never took any
	 */
	@Transactional(readOnly = true)
	public Optional<PreorderProgress> progress(Drop drop) {
		record Row(Instant decidedAt, String outcome, Integer units, Integer threshold) {
		}
		Optional<Row> row = this.jdbc
			.sql("select decided_at, outcome, units, threshold from preorder_drops where drop_id = ?")
			.param(drop.id().value())
			.query((rs, n) -> new Row(instant(rs, "decided_at"), rs.getString("outcome"),
					(Integer) rs.getObject("units"), (Integer) rs.getObject("threshold")))
			.optional();
		if (row.isPresent() && row.get().decidedAt() != null) {
			Row decided = row.get();
			PreorderProgress.Stage stage = PreorderOutcome.VOIDED.name().equals(decided.outcome())
					? PreorderProgress.Stage.VOIDED : (drop.preorderOutcome() == PreorderOutcome.CONFIRMED)
							? PreorderProgress.Stage.CONFIRMED : PreorderProgress.Stage.CONFIRMING;
			int threshold = (decided.threshold() != null) ? decided.threshold() : Math.max(decided.units(), 1);
			return Optional.of(new PreorderProgress(threshold, decided.units(), drop.preorderDeadline(), stage));
		}
		if (drop.preorderThreshold() == null) {
			return Optional.empty();
		}
		PreorderProgress.Stage stage = isCollecting(drop, this.clock.instant()) ? PreorderProgress.Stage.COLLECTING
				: PreorderProgress.Stage.COUNTING;
		return Optional.of(new PreorderProgress(drop.preorderThreshold(), openUnits(drop.id().value()),
				drop.preorderDeadline(), stage));
	}

	/**
	 * Tells where a drop's pre-order validation stands.
	 * @param dropSlug the drop
	 * @return the progress, empty for an unknown drop or one fans cannot see, and for a
	 * drop that takes no pre-orders
	 */
	@Transactional(readOnly = true)
	public Optional<PreorderProgress> progress(String dropSlug) {
		Instant now = this.clock.instant();
		return this.drops.find(dropSlug).filter(drop -> drop.stateAt(now).isPublic()).flatMap(this::progress);
	}

	/**
	 * Lists a fan's pre-orders, newest first.
	 * @param fan the fan
	 * @return their pre-orders only
	 */
	@Transactional(readOnly = true)
	public List<Preorder> preordersOf(AccountId fan) {
		return this.jdbc.sql("select " + COLUMNS + " where p.account_id = ? order by p.created_at desc, p.id")
			.param(fan.value())
			.query(PreorderManagement::preorder)
			.list();
	}

	/**
	 * Lists a fan's pre-orders of one drop, newest first.
	 * @param fan the fan
	 * @param dropSlug the drop
	 * @return their pre-orders of it
	 */
	@Transactional(readOnly = true)
	public List<Preorder> preordersOf(AccountId fan, String dropSlug) {
		return this.jdbc
			.sql("select " + COLUMNS + " where p.account_id = ? and d.slug = ? order by p.created_at desc, p.id")
			.params(fan.value(), dropSlug)
			.query(PreorderManagement::preorder)
			.list();
	}

	/**
	 * Finds one of a fan's pre-orders.
	 * @param preorder the pre-order's id
	 * @param fan the fan
	 * @return the pre-order, empty when unknown or another fan's
	 */
	@Transactional(readOnly = true)
	public Optional<Preorder> find(UUID preorder, AccountId fan) {
		return this.jdbc.sql("select " + COLUMNS + " where p.id = ? and p.account_id = ?")
			.params(preorder, fan.value())
			.query(PreorderManagement::preorder)
			.optional();
	}

	/**
	 * Tells whether a checkout hold was taken for a pre-order, so the order it becomes is
	 * a confirmed pre-order's. Settlement records the hold on its pre-order before paying
	 * for it, so this holds by the time the order is placed.
	 * @param reservation the hold's id
	 * @return {@code true} for a pre-order's hold
	 */
	@Transactional(readOnly = true)
	public boolean isPreorderHold(UUID reservation) {
		return this.jdbc.sql("select exists (select 1 from preorders where reservation_id = ?)")
			.param(reservation)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Tells whether a drop takes pre-orders at a moment: it has a threshold, nothing was
	 * decided, and the deadline has not passed.
	 */
	static boolean isCollecting(Drop drop, Instant now) {
		return drop.preorderThreshold() != null && drop.preorderOutcome() == null && drop.isScheduled()
				&& now.isBefore(drop.preorderDeadline());
	}

	private Sku skuOf(String skuSlug) {
		return Optional.ofNullable(skuSlug)
			.flatMap(this.catalog::find)
			.orElseThrow(() -> new PreorderRefusedException(Reason.NOT_FOUND));
	}

	private DropItem itemOf(Drop drop, Sku sku) {
		return drop.items()
			.stream()
			.filter(item -> sku != null && item.sku().equals(sku.id()))
			.findFirst()
			.orElseThrow(() -> new PreorderRefusedException(Reason.NOT_FOUND));
	}

	/**
	 * Takes the drop's pre-order row, creating it on first use: pre-orders of one drop
	 * take turns from here, and with the settlement.
	 * @return whether the settlement decided already
	 */
	private boolean lockDrop(UUID drop, Instant now) {
		this.jdbc.sql("""
				insert into preorder_drops (drop_id, created_at) values (?, ?) on conflict (drop_id) do nothing
				""").params(drop, Timestamp.from(now)).update();
		return this.jdbc.sql("select decided_at is not null from preorder_drops where drop_id = ? for update")
			.param(drop)
			.query(Boolean.class)
			.single();
	}

	/** Units of a drop's open pre-orders whose item is still in the drop. */
	int openUnits(UUID drop) {
		return this.jdbc.sql("""
				select coalesce(sum(p.quantity), 0) from preorders p join drop_items i on i.id = p.drop_item_id
				where p.drop_id = ? and p.status = 'PENDING'
				""").param(drop).query(Integer.class).single();
	}

	static Preorder preorder(ResultSet rs, int row) throws SQLException {
		int quantity = rs.getInt("quantity");
		Money price = Money.of(rs.getLong("price_minor"), rs.getString("currency"));
		return new Preorder(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getString("drop_slug"), rs.getString("drop_title"), instant(rs, "deadline"),
				ZoneId.of(rs.getString("time_zone")), rs.getString("sku"), rs.getString("sku_name"), quantity,
				price.times(quantity),
				new Fulfilment(Fulfilment.Method.valueOf(rs.getString("fulfilment_method")),
						rs.getString("fulfilment_hub"), rs.getString("fulfilment_address")),
				PreorderStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "settled_at"),
				rs.getObject("order_id", UUID.class), rs.getString("failure"), rs.getString("failure_detail"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
