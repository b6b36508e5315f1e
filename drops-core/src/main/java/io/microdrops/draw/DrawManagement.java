package io.microdrops.draw;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReservationExpired;
import io.microdrops.checkout.ReservationReleased;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropRevised;
import io.microdrops.drop.DropScheduled;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;
import io.microdrops.waitlist.WaitlistManagement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the draws of drops in {@code DRAW} mode. The entry window runs from the
 * announcement to the opening; at the opening the draw is held once (one node wins the
 * row lock): the places follow from the seed and the entries by {@link DrawAlgorithm},
 * each item's first places get a unit held for their purchase window, and every entrant
 * hears how it went. A unit not bought in time (or given back) passes to the next place
 * as soon as its hold ends, until the drop closes; the draw job catches any a stopped
 * node left behind. Reservations are made through {@link Checkout}, one transaction each,
 * keyed by the offer, so a retry after a crash never holds a unit twice.
 */
@Service
public class DrawManagement {

	private static final Log logger = LogFactory.getLog(DrawManagement.class);

	private static final HexFormat HEX = HexFormat.of();

	private final JdbcClient jdbc;

	private final DropManagement drops;

	private final WaitlistManagement waitlists;

	private final OrderManagement orders;

	private final Checkout checkout;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final TransactionTemplate outsideTransactions;

	private final Clock clock;

	private final AccountManagement accounts;

	private final SecureRandom random = new SecureRandom();

	DrawManagement(JdbcClient jdbc, DropManagement drops, WaitlistManagement waitlists, OrderManagement orders,
			Checkout checkout, ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
			AccountManagement accounts, Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.drops = drops;
		this.waitlists = waitlists;
		this.orders = orders;
		this.checkout = checkout;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.outsideTransactions = new TransactionTemplate(transactionManager);
		this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		this.clock = clock;
	}

	@EventListener
	void on(DropScheduled event) {
		ensure(event.drop());
	}

	@EventListener
	void on(DropRevised event) {
		ensure(event.drop());
	}

	/**
	 * Creates a draw drop's secret seed and commitment once, in the transaction that
	 * schedules it; nothing for other drops.
	 */
	private void ensure(DropId drop) {
		boolean draw = this.jdbc.sql("select access_mode = 'DRAW' from drops where id = ?")
			.param(drop.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
		if (draw) {
			insertDraw(drop.value(), DrawSettings.DEFAULTS);
		}
	}

	private void insertDraw(UUID drop, DrawSettings settings) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String seed = HEX.formatHex(bytes);
		this.jdbc.sql("""
				insert into draws (drop_id, seed, commitment, waitlist_weight, collector_weight,
				                   purchase_window_minutes, created_at)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (drop_id) do nothing
				""")
			.params(drop, seed, DrawAlgorithm.commitment(seed), settings.waitlistWeight(), settings.collectorWeight(),
					settings.purchaseWindowMinutes(), Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Sets a draw's weights and purchase window, until entries open.
	 * @param dropSlug the drop
	 * @param settings the settings
	 * @throws DrawRefusedException when the drop is no draw, or entries opened already
	 * @throws DropNotFoundException when there is no such drop
	 */
	@Transactional
	public void configure(String dropSlug, DrawSettings settings) {
		Drop drop = this.drops.require(dropSlug);
		if (drop.accessMode() != AccessMode.DRAW) {
			throw new DrawRefusedException("draw.refused.not-a-draw");
		}
		if (drop.isScheduled() && !this.clock.instant().isBefore(drop.timeline().announceAt())) {
			throw new DrawRefusedException("draw.refused.settings-after-entries-open");
		}
		insertDraw(drop.id().value(), settings);
		this.jdbc.sql("""
				update draws set waitlist_weight = ?, collector_weight = ?, purchase_window_minutes = ?
				where drop_id = ?
				""")
			.params(settings.waitlistWeight(), settings.collectorWeight(), settings.purchaseWindowMinutes(),
					drop.id().value())
			.update();
	}

	/**
	 * Returns a draw's settings.
	 * @param dropSlug the drop
	 * @return the settings; the defaults for a draw drop not yet scheduled
	 */
	@Transactional(readOnly = true)
	public DrawSettings settings(String dropSlug) {
		Drop drop = this.drops.require(dropSlug);
		return this.jdbc
			.sql("select waitlist_weight, collector_weight, purchase_window_minutes from draws where drop_id = ?")
			.param(drop.id().value())
			.query((rs, row) -> new DrawSettings(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
			.optional()
			.orElse(DrawSettings.DEFAULTS);
	}

	/**
	 * Enters a fan in a drop's draw, once: entering again answers the same entry. The
	 * entry's weight is fixed now: the waitlist weight for a fan on the "notify me" list
	 * of one of the drop's items, the collector weight for a fan with an earlier paid
	 * order, the larger for both.
	 * @param dropSlug the drop
	 * @param fan the fan
	 * @return the fan's entry
	 * @throws DrawRefusedException when the drop is no draw or entries are not open
	 * @throws DropNotFoundException when fans cannot see the drop
	 */
	@Transactional
	public DrawEntry enter(String dropSlug, AccountId fan) {
		Drop drop = publicDraw(dropSlug);
		Instant now = this.clock.instant();
		if (!now.isBefore(drop.timeline().opensAt()) || drop.stateAt(now) == DropState.CLOSED) {
			throw new DrawRefusedException("draw.refused.entries-closed");
		}
		Optional<DrawEntry> existing = entry(drop, fan);
		if (existing.isPresent()) {
			return existing.get();
		}
		// Winners hear by mail and have a purchase window to act in: only an address its
		// owner confirmed can be told in time.
		if (!this.accounts.isEmailConfirmed(fan)) {
			throw new DrawRefusedException("draw.refused.unconfirmed");
		}
		// Waits for a draw being held right now, and then refuses: an entry is either in
		// the draw or refused, never published without a place.
		boolean undrawn = this.jdbc.sql("select drawn_at is null from draws where drop_id = ? for share")
			.param(drop.id().value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
		if (!undrawn) {
			throw new DrawRefusedException("draw.refused.entries-closed");
		}
		DrawSettings settings = settingsOf(drop);
		int weight = 1;
		// A draw drop has no waitlist of its own: its waitlist members are the fans on
		// the
		// "notify me" list of one of its items.
		if (drop.items().stream().anyMatch(item -> this.waitlists.isNotifying(item.sku(), fan))) {
			weight = Math.max(weight, settings.waitlistWeight());
		}
		if (isReturningCollector(fan)) {
			weight = Math.max(weight, settings.collectorWeight());
		}
		byte[] salt = new byte[16];
		this.random.nextBytes(salt);
		String saltHex = HEX.formatHex(salt);
		this.jdbc.sql("""
				insert into draw_entries (drop_id, account_id, salt, entry_hash, weight, entered_at)
				values (?, ?, ?, ?, ?, ?) on conflict (drop_id, account_id) do nothing
				""")
			.params(drop.id().value(), fan.value(), saltHex, DrawAlgorithm.entryHash(saltHex, fan.value()), weight,
					Timestamp.from(now))
			.update();
		return entry(drop, fan).orElseThrow();
	}

	private boolean isReturningCollector(AccountId fan) {
		return this.orders.ordersOf(fan)
			.stream()
			.anyMatch(order -> order.paymentStatus() == Order.PaymentStatus.SUCCEEDED);
	}

	/**
	 * Finds a fan's entry in a drop's draw.
	 * @param dropSlug the drop
	 * @param fan the fan
	 * @return the entry, empty when the fan did not enter
	 */
	@Transactional(readOnly = true)
	public Optional<DrawEntry> entryOf(String dropSlug, AccountId fan) {
		return entry(publicDraw(dropSlug), fan);
	}

	private Optional<DrawEntry> entry(Drop drop, AccountId fan) {
		return this.jdbc
			.sql("select entry_hash, weight, entered_at, place from draw_entries where drop_id = ? and account_id = ?")
			.params(drop.id().value(), fan.value())
			.query((rs, row) -> new DrawEntry(rs.getString("entry_hash"), rs.getInt("weight"),
					rs.getTimestamp("entered_at").toInstant(), (Integer) rs.getObject("place")))
			.optional();
	}

	/**
	 * Lists every draw a fan entered, with their entry and what they were offered, newest
	 * first; for the fan's data download.
	 * @param fan the fan
	 * @return the fan's entries
	 */
	@Transactional(readOnly = true)
	public List<FanEntry> entriesOf(AccountId fan) {
		List<FanEntry> entries = this.jdbc.sql("""
				select d.slug, e.drop_id, e.entry_hash, e.weight, e.entered_at, e.place
				from draw_entries e join drops d on d.id = e.drop_id
				where e.account_id = ? order by e.entered_at desc, d.slug
				""")
			.param(fan.value())
			.query((rs, row) -> new FanEntry(rs.getString("slug"),
					new DrawEntry(rs.getString("entry_hash"), rs.getInt("weight"),
							rs.getTimestamp("entered_at").toInstant(), (Integer) rs.getObject("place")),
					List.of()))
			.list();
		return entries.stream()
			.map(entry -> new FanEntry(entry.drop(), entry.entry(),
					this.jdbc.sql("""
							select s.name, o.status, o.reservation_id, o.expires_at, o.passed_down
							from draw_offers o join drop_items i on i.id = o.drop_item_id join skus s on s.id = i.sku_id
							join drops d on d.id = o.drop_id
							where d.slug = ? and o.account_id = ? order by o.created_at
							""")
						.params(entry.drop(), fan.value())
						.query((rs, row) -> new FanOffer(rs.getString("name"), rs.getString("status"),
								rs.getObject("reservation_id", UUID.class),
								(rs.getTimestamp("expires_at") != null) ? rs.getTimestamp("expires_at").toInstant()
										: null,
								rs.getBoolean("passed_down")))
						.list()))
			.toList();
	}

	/**
	 * Returns the units a fan was offered in a drop's draw.
	 * @param dropSlug the drop
	 * @param fan the fan
	 * @return the offers, oldest first
	 */
	@Transactional(readOnly = true)
	public List<FanOffer> offersOf(String dropSlug, AccountId fan) {
		DropView view = this.drops.view(dropSlug);
		Map<UUID, String> names = new HashMap<>();
		view.items().forEach(item -> names.put(item.item().id(), item.sku().name()));
		return this.jdbc.sql("""
				select drop_item_id, status, reservation_id, expires_at, passed_down from draw_offers
				where drop_id = ? and account_id = ? order by created_at
				""")
			.params(view.drop().id().value(), fan.value())
			.query((rs, row) -> new FanOffer(names.get(rs.getObject("drop_item_id", UUID.class)),
					rs.getString("status"), rs.getObject("reservation_id", UUID.class),
					(rs.getTimestamp("expires_at") != null) ? rs.getTimestamp("expires_at").toInstant() : null,
					rs.getBoolean("passed_down")))
			.list();
	}

	/**
	 * Returns what a draw publishes: before the draw the commitment and the rules, after
	 * it the seed, the entries and the winners.
	 * @param dropSlug the drop
	 * @return the published draw
	 * @throws DrawRefusedException when the drop is no draw
	 * @throws DropNotFoundException when fans cannot see the drop
	 */
	@Transactional(readOnly = true)
	public PublishedDraw published(String dropSlug) {
		Drop drop = publicDraw(dropSlug);
		DropView view = this.drops.view(dropSlug);
		record Row(String seed, String commitment, Instant drawnAt, DrawSettings settings) {
		}
		Row row = this.jdbc.sql("""
				select seed, commitment, drawn_at, waitlist_weight, collector_weight, purchase_window_minutes
				from draws where drop_id = ?
				""")
			.param(drop.id().value())
			.query((rs, i) -> new Row(rs.getString("seed"), rs.getString("commitment"),
					(rs.getTimestamp("drawn_at") != null) ? rs.getTimestamp("drawn_at").toInstant() : null,
					new DrawSettings(rs.getInt("waitlist_weight"), rs.getInt("collector_weight"),
							rs.getInt("purchase_window_minutes"))))
			.optional()
			.orElseThrow(() -> new DrawRefusedException("draw.refused.not-a-draw"));
		boolean drawn = row.drawnAt() != null;
		int entrants = this.jdbc.sql("select count(*) from draw_entries where drop_id = ?")
			.param(drop.id().value())
			.query(Integer.class)
			.single();
		List<DrawAlgorithm.Entry> entries = drawn
				? this.jdbc.sql("select entry_hash, weight from draw_entries where drop_id = ? order by entry_hash")
					.param(drop.id().value())
					.query((rs, i) -> new DrawAlgorithm.Entry(rs.getString(1), rs.getInt(2)))
					.list()
				: List.of();
		Map<UUID, String> skus = new HashMap<>();
		List<PublishedDraw.Item> items = new ArrayList<>();
		for (DropView.Item item : view.items()) {
			skus.put(item.item().id(), item.sku().slug());
			List<String> winners = drawn ? this.jdbc.sql("""
					select entry_hash from draw_entries where drop_id = ? and place <= ? order by place
					""").params(drop.id().value(), item.item().quantity()).query(String.class).list() : List.of();
			items.add(new PublishedDraw.Item(item.sku().slug(), item.sku().name(), item.item().quantity(), winners));
		}
		List<PublishedDraw.Offer> offers = drawn ? this.jdbc.sql("""
				select o.drop_item_id, e.entry_hash, o.place, o.status, o.passed_down
				from draw_offers o join draw_entries e on e.drop_id = o.drop_id and e.account_id = o.account_id
				where o.drop_id = ? order by o.created_at, o.place
				""")
			.param(drop.id().value())
			.query((rs, i) -> new PublishedDraw.Offer(skus.get(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getInt(3), rs.getString(4), rs.getBoolean(5)))
			.list() : List.of();
		return new PublishedDraw(drop.slug(), drop.title(), DrawAlgorithm.NAME, row.commitment(),
				drop.timeline().announceAt(), drop.timeline().opensAt(), row.drawnAt(), drawn ? row.seed() : null,
				row.settings(), entrants, items, entries, offers);
	}

	/**
	 * Holds every draw whose entries have closed and that was not held yet, then makes
	 * the reservations still outstanding and passes on the units nobody bought in time.
	 * Several nodes may run it at once.
	 * @return how many draws this call held
	 */
	public int runDue() {
		Instant now = this.clock.instant();
		List<UUID> due = this.jdbc.sql("""
				select d.drop_id from draws d join drops p on p.id = d.drop_id
				where d.drawn_at is null and p.scheduled and p.access_mode = 'DRAW' and p.opens_at <= ?
				""").param(Timestamp.from(now)).query(UUID.class).list();
		int held = 0;
		for (UUID drop : due) {
			try {
				if (Boolean.TRUE.equals(this.transactions.execute(status -> hold(drop)))) {
					held++;
				}
			}
			catch (RuntimeException ex) {
				// One draw's failure must not hold back the others; it is retried next
				// run.
				logger.warn("Could not hold the draw of drop " + drop, ex);
			}
		}
		passOnUnclaimed();
		offerPending();
		return held;
	}

	private boolean hold(UUID dropId) {
		Optional<String> seed = this.jdbc
			.sql("select seed from draws where drop_id = ? and drawn_at is null for update skip locked")
			.param(dropId)
			.query(String.class)
			.optional();
		if (seed.isEmpty()) {
			return false;
		}
		String slug = this.jdbc.sql("select slug from drops where id = ?").param(dropId).query(String.class).single();
		Drop drop = this.drops.require(slug);
		Map<String, UUID> accounts = new HashMap<>();
		List<DrawAlgorithm.Entry> entries = this.jdbc
			.sql("select account_id, entry_hash, weight from draw_entries where drop_id = ?")
			.param(dropId)
			.query((rs, row) -> {
				accounts.put(rs.getString("entry_hash"), rs.getObject("account_id", UUID.class));
				return new DrawAlgorithm.Entry(rs.getString("entry_hash"), rs.getInt("weight"));
			})
			.list();
		List<DrawAlgorithm.Entry> order = DrawAlgorithm.order(seed.get(), entries);
		Instant now = this.clock.instant();
		for (int place = 1; place <= order.size(); place++) {
			this.jdbc.sql("update draw_entries set place = ? where drop_id = ? and entry_hash = ?")
				.params(place, dropId, order.get(place - 1).hash())
				.update();
		}
		int mostUnits = 0;
		for (var item : drop.items()) {
			mostUnits = Math.max(mostUnits, item.quantity());
			for (int place = 1; place <= Math.min(item.quantity(), order.size()); place++) {
				insertOffer(dropId, item.id(), accounts.get(order.get(place - 1).hash()), place, false, now);
			}
		}
		for (int place = mostUnits + 1; place <= order.size(); place++) {
			this.events.publishEvent(new DrawNotWon(slug, new AccountId(accounts.get(order.get(place - 1).hash())),
					place, order.size()));
		}
		this.jdbc.sql("update draws set drawn_at = ? where drop_id = ?").params(Timestamp.from(now), dropId).update();
		logger.info("Draw of " + slug + " held: " + order.size() + " entries");
		return true;
	}

	private void insertOffer(UUID drop, UUID item, UUID account, int place, boolean passedDown, Instant now) {
		this.jdbc.sql("""
				insert into draw_offers (id, drop_id, drop_item_id, account_id, place, status, created_at, passed_down)
				values (?, ?, ?, ?, ?, 'PENDING', ?, ?)
				""").params(UUID.randomUUID(), drop, item, account, place, Timestamp.from(now), passedDown).update();
	}

	/**
	 * Passes on every offered unit whose holder let the purchase window run out (or gave
	 * it back): to the next place without an offer of that item, while the drop is open.
	 * Bought units are marked claimed.
	 * @return how many units were passed on
	 */
	public int passOnUnclaimed() {
		return passOn(this.jdbc.sql("""
				select id, drop_id, drop_item_id, account_id, reservation_id from draw_offers
				where status = 'OFFERED' order by created_at
				""").query(DrawManagement::open).list());
	}

	@TransactionalEventListener
	void on(ReservationExpired event) {
		passOnEnded(event.reservation());
	}

	@TransactionalEventListener
	void on(ReservationReleased event) {
		passOnEnded(event.reservation());
	}

	/**
	 * Passes a drawn fan's unit on as soon as their hold has ended, once that has
	 * committed; the draw job does it later if this fails or the node stops first.
	 */
	private void passOnEnded(UUID reservation) {
		try {
			// The ended hold's transaction has committed but is still bound to this
			// thread: suspended, so each step below runs in a transaction of its own.
			this.outsideTransactions.executeWithoutResult(tx -> {
				List<Open> open = this.jdbc.sql("""
						select id, drop_id, drop_item_id, account_id, reservation_id from draw_offers
						where reservation_id = ? and status = 'OFFERED'
						""").param(reservation).query(DrawManagement::open).list();
				if (!open.isEmpty()) {
					passOn(open);
				}
			});
		}
		catch (RuntimeException ex) {
			logger.warn("The unit held by " + reservation + " was not passed on yet; the draw job will", ex);
		}
	}

	private static Open open(ResultSet rs, int row) throws SQLException {
		return new Open(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
				rs.getObject(4, UUID.class), rs.getObject(5, UUID.class));
	}

	private record Open(UUID id, UUID drop, UUID item, UUID account, UUID reservation) {
	}

	private int passOn(List<Open> open) {
		int passed = 0;
		for (Open offer : open) {
			Reservation.Status status = this.checkout.find(offer.reservation(), new AccountId(offer.account()))
				.map(Reservation::status)
				.orElse(Reservation.Status.RELEASED);
			if (status == Reservation.Status.ORDERED) {
				this.jdbc.sql("update draw_offers set status = 'CLAIMED' where id = ? and status = 'OFFERED'")
					.param(offer.id())
					.update();
			}
			else if (status != Reservation.Status.HELD) {
				Boolean done = this.transactions.execute(tx -> passOn(offer.id(), offer.drop(), offer.item()));
				passed += Boolean.TRUE.equals(done) ? 1 : 0;
			}
		}
		if (passed > 0) {
			offerPending();
		}
		return passed;
	}

	private boolean passOn(UUID offer, UUID dropId, UUID item) {
		if (this.jdbc.sql("update draw_offers set status = 'PASSED_ON' where id = ? and status = 'OFFERED'")
			.param(offer)
			.update() == 0) {
			return false;
		}
		// One pass-down at a time per drop: two nodes never pick the same next place.
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param("draw|" + dropId)
			.query((rs, row) -> rs.getObject(1))
			.list();
		String slug = this.jdbc.sql("select slug from drops where id = ?").param(dropId).query(String.class).single();
		Drop drop = this.drops.require(slug);
		Instant now = this.clock.instant();
		if (drop.stateAt(now) == DropState.CLOSED) {
			return true;
		}
		this.jdbc.sql("""
				select account_id, place from draw_entries e
				where e.drop_id = ? and e.place is not null
				  and not exists (select 1 from draw_offers o where o.drop_item_id = ? and o.account_id = e.account_id)
				order by e.place limit 1
				""")
			.params(dropId, item)
			.query((rs, row) -> new Object[] { rs.getObject(1, UUID.class), rs.getInt(2) })
			.optional()
			.ifPresent(next -> insertOffer(dropId, item, (UUID) next[0], (Integer) next[1], true, now));
		return true;
	}

	/**
	 * Holds a unit for every offer still waiting for one, each in its own transaction
	 * keyed by the offer, and tells the fan.
	 * @return how many offers were made
	 */
	int offerPending() {
		List<Pending> pending = this.jdbc.sql("""
				select id, drop_id, drop_item_id, account_id, place, passed_down from draw_offers
				where status = 'PENDING' order by created_at, place
				""")
			.query((rs, row) -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getInt(5), rs.getBoolean(6)))
			.list();
		int made = 0;
		Map<UUID, DropView> views = new HashMap<>();
		for (Pending offer : pending) {
			try {
				made += offer(offer, views);
			}
			catch (RuntimeException ex) {
				// One offer that cannot be made must not stop the others; it is tried
				// again on the next run.
				logger.warn("Draw offer " + offer.id() + " could not be made", ex);
			}
		}
		return made;
	}

	private record Pending(UUID id, UUID drop, UUID item, UUID account, int place, boolean passedDown) {
	}

	private int offer(Pending offer, Map<UUID, DropView> views) {
		DropView view = views.computeIfAbsent(offer.drop(), drop -> this.drops
			.view(this.jdbc.sql("select slug from drops where id = ?").param(drop).query(String.class).single()));
		DropView.Item item = view.items()
			.stream()
			.filter(candidate -> candidate.item().id().equals(offer.item()))
			.findFirst()
			.orElseThrow();
		AccountId fan = new AccountId(offer.account());
		Instant now = this.clock.instant();
		Instant until = now.plus(Duration.ofMinutes(settingsOf(view.drop()).purchaseWindowMinutes()));
		Instant closes = (view.drop().closedEarlyAt() != null) ? view.drop().closedEarlyAt()
				: view.drop().timeline().closesAt();
		if (until.isAfter(closes)) {
			until = closes;
		}
		if (!until.isAfter(now)) {
			// Sales are over: nothing left to offer.
			this.jdbc.sql("update draw_offers set status = 'UNAVAILABLE' where id = ? and status = 'PENDING'")
				.param(offer.id())
				.update();
			return 0;
		}
		try {
			Reservation reservation = this.checkout.reserveForDraw(
					new ReserveRequest(view.drop().slug(), item.sku().slug(), 1, fan, "draw-offer-" + offer.id()),
					until);
			Boolean offered = this.transactions.execute(tx -> {
				boolean updated = this.jdbc.sql("""
						update draw_offers set status = 'OFFERED', reservation_id = ?, expires_at = ?
						where id = ? and status = 'PENDING'
						""")
					.params(reservation.id(), Timestamp.from(reservation.expiresAt()), offer.id())
					.update() == 1;
				if (updated) {
					this.events.publishEvent(new DrawOfferMade(view.drop().slug(), fan, item.sku().name(),
							offer.place(), reservation.id(), reservation.expiresAt(), offer.passedDown()));
				}
				return updated;
			});
			return Boolean.TRUE.equals(offered) ? 1 : 0;
		}
		catch (CheckoutRefusedException ex) {
			logger
				.info("Draw offer " + offer.id() + " of " + view.drop().slug() + " could not be held: " + ex.reason());
			this.jdbc.sql("update draw_offers set status = 'UNAVAILABLE' where id = ? and status = 'PENDING'")
				.param(offer.id())
				.update();
			return 0;
		}
	}

	private DrawSettings settingsOf(Drop drop) {
		return this.jdbc
			.sql("select waitlist_weight, collector_weight, purchase_window_minutes from draws where drop_id = ?")
			.param(drop.id().value())
			.query((rs, row) -> new DrawSettings(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
			.optional()
			.orElse(DrawSettings.DEFAULTS);
	}

	private Drop publicDraw(String dropSlug) {
		Drop drop = this.drops.find(dropSlug)
			.filter(found -> found.stateAt(this.clock.instant()).isPublic())
			.orElseThrow(() -> new DropNotFoundException(dropSlug));
		if (drop.accessMode() != AccessMode.DRAW) {
			throw new DrawRefusedException("draw.refused.not-a-draw");
		}
		return drop;
	}

	/**
	 * A fan's entry in one drop's draw, with what they were offered.
	 *
	 * @param drop the drop's slug
	 * @param entry the entry
	 * @param offers the units offered, oldest first
	 */
	public record FanEntry(String drop, DrawEntry entry, List<FanOffer> offers) {
	}

	/**
	 * A unit a fan was offered.
	 *
	 * @param skuName the item's name
	 * @param status PENDING, OFFERED, CLAIMED, PASSED_ON or UNAVAILABLE
	 * @param reservation the held unit's reservation, to check out; {@code null} while
	 * pending or when no unit was left
	 * @param expiresAt the end of the purchase window
	 * @param passedDown whether it came from a fan who did not buy in time
	 */
	public record FanOffer(String skuName, String status, UUID reservation, Instant expiresAt, boolean passedDown) {
	}

}
