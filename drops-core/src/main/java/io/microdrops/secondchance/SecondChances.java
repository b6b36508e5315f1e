package io.microdrops.secondchance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.OrderReturned;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReservationExpired;
import io.microdrops.checkout.ReservationReleased;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offers units that came back to the drop's waitlist. When a second chance applies:
 * <ul>
 * <li>a paid order taken back ({@link OrderReturned}: a pickup nobody collected, or an
 * order ops cancelled): always, while the drop is not closed; its buyers had their turn,
 * the waitlist gets the next one; the offer records why the unit came back;</li>
 * <li>a hold that ran out or was given back: only when no other unit of the item is free
 * (the item was sold out); while units are still on sale it simply goes back on sale, as
 * before.</li>
 * </ul>
 * The next fan is the first on the drop's waitlist (by waitlist order) who has not bought
 * from the drop, holds no unit of the item and was not offered it before. The offer is
 * recorded in the transaction that frees the unit; the job then holds a unit for the fan
 * through {@link Checkout#reserveForSecondChance} (keyed by the offer: a retry never
 * holds twice) for {@code drops.second-chance.offer-window} (at most until the drop
 * closes) and the fan is told. A lapsed offer passes to the next fan, until the unit is
 * bought or the drop closes. An offer that would last less than {@link #SHORTEST_OFFER}
 * (the drop closing sooner) is not made: a mail read after the close helps nobody, and
 * the unit is back on sale for the drop's last minutes instead.
 */
@Service
public class SecondChances {

	private static final Log logger = LogFactory.getLog(SecondChances.class);

	/** The shortest second chance worth a mail: time to read it and pay. */
	static final Duration SHORTEST_OFFER = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final DropManagement drops;

	private final Checkout checkout;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration window;

	SecondChances(JdbcClient jdbc, DropManagement drops, Checkout checkout, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock,
			@Value("${drops.second-chance.offer-window:PT24H}") Duration window) {
		this.jdbc = jdbc;
		this.drops = drops;
		this.checkout = checkout;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.window = window;
	}

	@EventListener
	void on(OrderReturned event) {
		unitsCameBack(event.dropItem(), null, event.fan(), event.editions().size(), event.cause().name(), true);
	}

	@EventListener
	void on(ReservationExpired event) {
		unitsCameBack(event.dropItem(), event.reservation(), event.fan(), event.editions().size(), "EXPIRED", false);
	}

	@EventListener
	void on(ReservationReleased event) {
		unitsCameBack(event.dropItem(), event.reservation(), event.fan(), event.editions().size(), "RELEASED", false);
	}

	private void unitsCameBack(UUID item, UUID reservation, AccountId from, int units, String cause, boolean always) {
		if (reservation != null
				&& this.jdbc.sql("select exists (select 1 from second_chance_offers where reservation_id = ?)")
					.param(reservation)
					.query(Boolean.class)
					.single()) {
			// An offer's own hold: the job passes it on to the next fan.
			return;
		}
		Optional<Drop> drop = dropOf(item);
		// A draw passes its units on to the next drawn entrants itself.
		if (drop.isEmpty() || !isOpen(drop.get()) || drop.get().accessMode() == AccessMode.DRAW) {
			return;
		}
		lock(item);
		if (!always) {
			int free = this.jdbc
				.sql("select count(*) from drop_units where drop_item_id = ? and reservation_id is null")
				.param(item)
				.query(Integer.class)
				.single();
			int waiting = this.jdbc
				.sql("select count(*) from second_chance_offers where drop_item_id = ? and status = 'PENDING'")
				.param(item)
				.query(Integer.class)
				.single();
			if (free - waiting > units) {
				// Still on sale: the units simply go back on sale.
				return;
			}
		}
		for (int i = 0; i < units; i++) {
			if (!offerToNext(drop.get(), item, from.value(), cause)) {
				break;
			}
		}
	}

	/**
	 * Passes on the offers that lapsed (or were given back), marks the bought ones
	 * claimed, and holds a unit for every offer still waiting for one. Several nodes may
	 * run it at once.
	 * @return how many offers were made
	 */
	public int runDue() {
		passOnLapsed();
		return offerPending();
	}

	/**
	 * Passes every offered unit whose holder let it lapse to the next fan on the
	 * waitlist, while the drop is open; bought units are marked claimed.
	 * @return how many offers were passed on
	 */
	public int passOnLapsed() {
		record Open(UUID id, UUID item, UUID account, UUID reservation) {
		}
		List<Open> open = this.jdbc.sql("""
				select id, drop_item_id, account_id, reservation_id from second_chance_offers
				where status = 'OFFERED' order by created_at
				""")
			.query((rs, row) -> new Open(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class)))
			.list();
		int passed = 0;
		for (Open offer : open) {
			Reservation.Status status = this.checkout.find(offer.reservation(), new AccountId(offer.account()))
				.map(Reservation::status)
				.orElse(Reservation.Status.RELEASED);
			if (status == Reservation.Status.ORDERED) {
				this.jdbc.sql("update second_chance_offers set status = 'CLAIMED' where id = ? and status = 'OFFERED'")
					.param(offer.id())
					.update();
			}
			else if (status != Reservation.Status.HELD) {
				Boolean done = this.transactions.execute(tx -> passOn(offer.id(), offer.item(), offer.account()));
				passed += Boolean.TRUE.equals(done) ? 1 : 0;
			}
		}
		return passed;
	}

	private boolean passOn(UUID offer, UUID item, UUID account) {
		if (this.jdbc.sql("update second_chance_offers set status = 'PASSED_ON' where id = ? and status = 'OFFERED'")
			.param(offer)
			.update() == 0) {
			return false;
		}
		dropOf(item).filter(this::isOpen).ifPresent(drop -> {
			lock(item);
			offerToNext(drop, item, account, "LAPSED");
		});
		return true;
	}

	private boolean offerToNext(Drop drop, UUID item, UUID from, String cause) {
		// Only fans who would hear of it (a confirmed address; mails to others are not
		// sent) and who meet the drop's account requirements, as a reserve would check
		// (read one fan at a time, and only for drops that have such requirements).
		Instant now = this.clock.instant();
		if (tooLateToOffer(drop, now)) {
			// The unit simply goes back on sale; no fan's second chance is spent on it.
			return false;
		}
		Optional<UUID> next = this.jdbc.sql("""
				select e.account_id from waitlist_entries e join accounts a on a.id = e.account_id
				where e.drop_id = :drop and e.account_id <> :from
				  and a.email_confirmed_at is not null and a.deleted_at is null
				  and not exists (select 1 from second_chance_offers o
				                  where o.drop_item_id = :item and o.account_id = e.account_id)
				  and not exists (select 1 from orders o join drop_items i on i.id = o.drop_item_id
				                  where i.drop_id = :drop and o.account_id = e.account_id)
				  and not exists (select 1 from reservations r
				                  where r.drop_item_id = :item and r.account_id = e.account_id and r.status = 'HELD')
				order by e.sequence limit 200
				""")
			.param("drop", drop.id().value())
			.param("item", item)
			.param("from", from)
			.query(UUID.class)
			.list()
			.stream()
			.filter(fan -> this.checkout.missedRequirement(drop, new AccountId(fan), now).isEmpty())
			.findFirst();
		next.ifPresent(fan -> this.jdbc.sql("""
				insert into second_chance_offers (id, drop_id, drop_item_id, account_id, status, cause, created_at)
				values (?, ?, ?, ?, 'PENDING', ?, ?)
				""").params(UUID.randomUUID(), drop.id().value(), item, fan, cause, Timestamp.from(now)).update());
		return next.isPresent();
	}

	/**
	 * Holds a unit for every offer still waiting for one, each in its own transaction
	 * keyed by the offer, and tells the fan.
	 * @return how many offers were made
	 */
	int offerPending() {
		record Pending(UUID id, UUID item, UUID account) {
		}
		List<Pending> pending = this.jdbc.sql("""
				select id, drop_item_id, account_id from second_chance_offers
				where status = 'PENDING' order by created_at
				""")
			.query((rs, row) -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class)))
			.list();
		int made = 0;
		for (Pending offer : pending) {
			try {
				made += offer(offer.id(), offer.item(), new AccountId(offer.account())) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				// One offer that cannot be made must not stop the others; it is tried
				// again on the next run.
				logger.warn("Second-chance offer " + offer.id() + " could not be made", ex);
			}
		}
		return made;
	}

	private boolean offer(UUID offer, UUID item, AccountId fan) {
		record Item(String dropSlug, String skuSlug, String skuName) {
		}
		Item target = this.jdbc.sql("""
				select d.slug as drop_slug, s.slug as sku_slug, s.name from drop_items i
				join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id where i.id = ?
				""")
			.param(item)
			.query((rs, row) -> new Item(rs.getString(1), rs.getString(2), rs.getString(3)))
			.single();
		Drop drop = this.drops.require(target.dropSlug());
		Instant now = this.clock.instant();
		Instant until = now.plus(this.window);
		Instant closes = closesAt(drop);
		if (until.isAfter(closes)) {
			until = closes;
		}
		if (!isOpen(drop) || tooLateToOffer(drop, now)) {
			unavailable(offer);
			return false;
		}
		Reservation reservation;
		try {
			reservation = this.checkout.reserveForSecondChance(
					new ReserveRequest(target.dropSlug(), target.skuSlug(), 1, fan, "second-chance-" + offer), until);
		}
		catch (CheckoutRefusedException ex) {
			logger.info(
					"Second-chance offer " + offer + " of " + target.dropSlug() + " could not be held: " + ex.reason());
			unavailable(offer);
			return false;
		}
		return Boolean.TRUE.equals(this.transactions.execute(tx -> {
			boolean updated = this.jdbc.sql("""
					update second_chance_offers set status = 'OFFERED', reservation_id = ?, expires_at = ?
					where id = ? and status = 'PENDING'
					""").params(reservation.id(), Timestamp.from(reservation.expiresAt()), offer).update() == 1;
			if (updated) {
				this.events.publishEvent(new SecondChanceOffered(target.dropSlug(), fan, target.skuName(),
						reservation.editions().getFirst(), reservation.id(), reservation.expiresAt()));
			}
			return updated;
		}));
	}

	private void unavailable(UUID offer) {
		this.jdbc.sql("update second_chance_offers set status = 'UNAVAILABLE' where id = ? and status = 'PENDING'")
			.param(offer)
			.update();
	}

	/**
	 * Lists the second chances a fan holds now: units held for them, with the end of each
	 * offer.
	 * @param fan the fan
	 * @return the open offers, the soonest ending first
	 */
	@Transactional(readOnly = true)
	public List<FanOffer> openOffersOf(AccountId fan) {
		return this.jdbc.sql("""
				select d.slug, d.title, s.name, r.editions[1] as edition, o.reservation_id, o.expires_at, c.time_zone
				from second_chance_offers o join reservations r on r.id = o.reservation_id
				join drop_items i on i.id = o.drop_item_id join drops d on d.id = i.drop_id
				join skus s on s.id = i.sku_id join communities c on c.id = d.community_id
				where o.account_id = ? and o.status = 'OFFERED' and r.status = 'HELD' and o.expires_at > ?
				order by o.expires_at
				""")
			.params(fan.value(), Timestamp.from(this.clock.instant()))
			.query((rs, row) -> new FanOffer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					rs.getObject(5, UUID.class), rs.getTimestamp(6).toInstant(), ZoneId.of(rs.getString(7))))
			.list();
	}

	private Optional<Drop> dropOf(UUID item) {
		return this.jdbc.sql("select d.slug from drop_items i join drops d on d.id = i.drop_id where i.id = ?")
			.param(item)
			.query(String.class)
			.optional()
			.flatMap(this.drops::find);
	}

	private boolean isOpen(Drop drop) {
		DropState state = drop.stateAt(this.clock.instant());
		return state.isPublic() && state != DropState.CLOSED;
	}

	/** Whether the drop closes before a second chance could be of use. */
	private static boolean tooLateToOffer(Drop drop, Instant now) {
		return closesAt(drop).isBefore(now.plus(SHORTEST_OFFER));
	}

	private static Instant closesAt(Drop drop) {
		return (drop.closedEarlyAt() != null) ? drop.closedEarlyAt() : drop.timeline().closesAt();
	}

	private void lock(UUID item) {
		// One offer at a time per item: two nodes never pick the same next fan.
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param("second-chance|" + item)
			.query((rs, row) -> rs.getObject(1))
			.list();
	}

	/**
	 * A unit held for a fan as a second chance.
	 *
	 * @param dropSlug the drop
	 * @param dropTitle the drop's title
	 * @param skuName the item's name
	 * @param edition the edition held
	 * @param reservation the hold, to check out
	 * @param expiresAt the end of the offer
	 * @param zone the community's time zone, for showing that end
	 */
	public record FanOffer(String dropSlug, String dropTitle, String skuName, int edition, UUID reservation,
			Instant expiresAt, ZoneId zone) {
	}

	/**
	 * Lists the second-chance offers made to a fan, for their data download.
	 * @param fan the fan
	 * @return one row per offer: the drop, why the unit came back, its status and expiry
	 */
	@Transactional(readOnly = true)
	public List<Map<String, Object>> offersOf(AccountId fan) {
		return this.jdbc.sql("""
				select d.slug as drop, o.cause, o.status, o.expires_at, o.created_at
				from second_chance_offers o join drops d on d.id = o.drop_id
				where o.account_id = ? order by o.created_at
				""").param(fan.value()).query().listOfRows();
	}

}
