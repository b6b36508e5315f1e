package io.microdrops.checkout;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountDeletion;
import io.microdrops.account.AccountId;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropItem;
import io.microdrops.drop.DropState;
import io.microdrops.drop.FairnessRules;
import io.microdrops.offer.EarlyAccessCode;
import io.microdrops.offer.EarlyAccessCodes;
import io.microdrops.waitlist.PurchaseAccess;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Holds units for fans: reserve numbered units of a drop item for the drop's hold time,
 * give them back, and release the holds nobody paid for. The database decides every race:
 * unit rows are claimed with {@code FOR UPDATE SKIP LOCKED} (no unit twice, no waiting on
 * a competitor), the per-fan allowance is one conditional upsert (no fan above the
 * limit), and an idempotency key is serialised with an advisory lock (one answer per key,
 * refusals included). After a claim commits, {@link SellOuts} notices a sell-out.
 */
@Service
public class Checkout {

	/** A fan's holds with their drop and SKU, as {@link #reservation} reads them. */
	private static final String RESERVATIONS = """
			select r.id, r.quantity, r.editions, r.status, r.expires_at, r.account_id, s.slug as sku, d.slug as drop
			from reservations r join drop_items i on i.id = r.drop_item_id
			join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id
			""";

	private final ClaimTargets targets;

	private final PurchaseAccess access;

	private final StockUnits units;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final IdempotentAnswers answers;

	private final SellOuts sellOuts;

	private final ReserveAttempts attempts;

	private final SoldOutMarks soldOut;

	private final RefusedAttempts refused;

	private final SoldOutAnswers soldOutAnswers;

	private final ObjectProvider<AdmissionGate> gate;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final EarlyAccessCodes codes;

	private final AccountDeletion deletions;

	Checkout(ClaimTargets targets, PurchaseAccess access, StockUnits units, JdbcClient jdbc,
			ApplicationEventPublisher events, IdempotentAnswers answers, SellOuts sellOuts, ReserveAttempts attempts,
			SoldOutMarks soldOut, RefusedAttempts refused, SoldOutAnswers soldOutAnswers,
			ObjectProvider<AdmissionGate> gate, PlatformTransactionManager transactionManager, Clock clock,
			EarlyAccessCodes codes, AccountDeletion deletions) {
		this.targets = targets;
		this.deletions = deletions;
		this.access = access;
		this.codes = codes;
		this.units = units;
		this.jdbc = jdbc;
		this.events = events;
		this.answers = answers;
		this.sellOuts = sellOuts;
		this.attempts = attempts;
		this.soldOut = soldOut;
		this.refused = refused;
		this.soldOutAnswers = soldOutAnswers;
		this.gate = gate;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Holds units of a drop item for a fan. With an idempotency key, a retry gets the
	 * first attempt's answer again: the same reservation, or the same refusal.
	 * @param request what the fan asks for
	 * @return the reservation, with its edition numbers and expiry; the same one again
	 * for a retry with the same idempotency key
	 * @throws CheckoutRefusedException when sold out, over the per-fan limit, not open to
	 * this fan, or the idempotency key came with a different request
	 */
	public Reservation reserve(ReserveRequest request) {
		return reserve(request, true, null, null);
	}

	/**
	 * Holds units for a pre-order whose drop reached its threshold: as
	 * {@link #reserve(ReserveRequest)}, with the same claims, per-fan limit and
	 * idempotency, but not subject to the early-access gate, since sales wait for the
	 * pre-orders and the fan pre-ordered before they start.
	 * @param request the pre-ordered units, keyed by the pre-order
	 * @return the reservation
	 * @throws CheckoutRefusedException when sold out, over the per-fan limit, or the item
	 * is gone
	 */
	public Reservation reserveForPreorder(ReserveRequest request) {
		return reserve(request, false, null, Channel.PREORDER);
	}

	/**
	 * Holds one unit for a draw's winner until the end of their purchase window: as
	 * {@link #reserveForPreorder(ReserveRequest)} (the draw, not the early-access gate,
	 * decided who may buy), but held until the given moment rather than for the drop's
	 * hold time.
	 * @param request the unit, keyed by the draw's offer
	 * @param holdUntil the end of the winner's purchase window
	 * @return the reservation
	 * @throws CheckoutRefusedException when sold out, over the per-fan limit, or the item
	 * is gone
	 */
	public Reservation reserveForDraw(ReserveRequest request, Instant holdUntil) {
		return reserve(request, false, holdUntil, Channel.DRAW);
	}

	/**
	 * Holds one unit for a waitlisted fan offered a second chance at it until the end of
	 * the offer: as {@link #reserveForDraw(ReserveRequest, Instant)}, recorded as a
	 * second chance.
	 * @param request the unit, keyed by the offer
	 * @param holdUntil the end of the offer
	 * @return the reservation
	 * @throws CheckoutRefusedException when sold out, over the per-fan limit, or the item
	 * is gone
	 */
	public Reservation reserveForSecondChance(ReserveRequest request, Instant holdUntil) {
		return reserve(request, false, holdUntil, Channel.SECOND_CHANCE);
	}

	/**
	 * Reserves; {@code channel} is the channel of an ungated hold, a gated one's follows
	 * from the early-access gate.
	 */
	private Reservation reserve(ReserveRequest request, boolean gated, Instant holdUntil, Channel channel) {
		if (gated) {
			this.attempts.count(request.dropSlug());
		}
		if (request.quantity() < 1) {
			throw new CheckoutRefusedException(Reason.INVALID_QUANTITY);
		}
		long generation = this.soldOut.generation();
		// Known to be sold out on this node a moment ago: no drop, SKU or unit read, and
		// without a key not even a transaction. A key still gets its first answer.
		// Only for fans reaching for a unit: a draw's offer or a confirmed pre-order
		// always
		// asks the units themselves.
		boolean known = gated && this.soldOut.soldOut(request.dropSlug(), request.sku());
		if (known && keptSoldOut(request)) {
			this.refused.count(request.dropSlug(), RefusalReason.SOLD_OUT);
			throw new CheckoutRefusedException(Reason.SOLD_OUT);
		}
		Attempt attempt = this.transactions
			.execute(status -> attempt(request, gated, known, holdUntil, channel, status));
		// Outside the claim's transaction, so the look sees every committed claim.
		if (attempt.drop() != null && attempt.look()) {
			this.sellOuts.look(attempt.drop());
			if (gated && attempt.refusal() != null && attempt.refusal().reason() == Reason.SOLD_OUT) {
				this.soldOut.mark(request.dropSlug(), request.sku(), generation);
				if (attempt.wholeDropSoldOut()) {
					this.soldOut.markDrop(request.dropSlug(), generation);
				}
			}
		}
		if (attempt.refusal() != null) {
			if (gated) {
				countRefusal(request.dropSlug(), attempt.refusal().reason());
			}
			throw attempt.refusal();
		}
		return attempt.reservation();
	}

	/**
	 * Refuses a fan's reservation as sold out when this node knows, from the last second,
	 * that its item has no free unit: the first steps of {@link #reserve(ReserveRequest)}
	 * and nothing else, for callers that answer such a refusal without raising it. The
	 * attempt and its refusal are counted at the drop, and with an idempotency key "sold
	 * out" is kept as the key's answer.
	 * @param request what the fan asks for
	 * @return {@code true} when refused as sold out; {@code false} when
	 * {@link #reserve(ReserveRequest)} must answer (not known to be sold out, a quantity
	 * below 1, or a key in use or standing for an earlier answer), and nothing was
	 * counted or kept
	 */
	public boolean refuseKnownSoldOut(ReserveRequest request) {
		if (request.quantity() < 1 || !this.soldOut.soldOut(request.dropSlug(), request.sku())
				|| !keptSoldOut(request)) {
			return false;
		}
		this.attempts.count(request.dropSlug());
		this.refused.count(request.dropSlug(), RefusalReason.SOLD_OUT);
		return true;
	}

	/**
	 * Keeps "sold out" as the answer to a request known to be sold out. With a key, the
	 * usual case is the key's first request: its answer is kept together with other
	 * calls' in one transaction. A key in use or standing for an earlier answer is left
	 * to the usual path, which gives that answer.
	 */
	private boolean keptSoldOut(ReserveRequest request) {
		return request.idempotencyKey() == null || this.soldOutAnswers.keep(request);
	}

	/**
	 * Tells whether this node knows, from the last second, that no unit of a drop is
	 * free: a reservation asked of it then needs no claim, only the fan's kept answer
	 * (see {@link #reserve(ReserveRequest)}). Known only of drops with one item.
	 * @param dropSlug the drop's slug
	 * @return {@code true} when sold out as far as this node knows
	 */
	public boolean knownSoldOut(String dropSlug) {
		return this.soldOut.dropSoldOut(dropSlug);
	}

	private void countRefusal(String dropSlug, Reason reason) {
		switch (reason) {
			case SOLD_OUT -> this.refused.count(dropSlug, RefusalReason.SOLD_OUT);
			case NOT_ENOUGH_LEFT -> this.refused.count(dropSlug, RefusalReason.NOT_ENOUGH_LEFT);
			case OVER_LIMIT -> this.refused.count(dropSlug, RefusalReason.OVER_LIMIT);
			case NOT_OPEN_TO_FAN -> this.refused.count(dropSlug, RefusalReason.NOT_OPEN);
			case ACCOUNT_REQUIREMENT -> this.refused.count(dropSlug, RefusalReason.ACCOUNT_REQUIREMENT);
			case ADMISSION_REQUIRED -> this.refused.count(dropSlug, RefusalReason.NO_ADMISSION);
			case DROP_CLOSED -> this.refused.count(dropSlug, RefusalReason.DROP_CLOSED);
			default -> {
				// Not a refusal of the fan's attempt at the drop (a bad request or key).
			}
		}
	}

	private Attempt attempt(ReserveRequest request, boolean gated, boolean knownSoldOut, Instant holdUntil,
			Channel channel, TransactionStatus status) {
		String key = request.idempotencyKey();
		if (key != null) {
			// Requests with one key take turns; the first one's answer is every retry's
			// answer.
			this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
				.param(request.fan().value() + "|" + key)
				.query((rs, row) -> rs.getObject(1))
				.list();
			try {
				Optional<Reservation> earlier = byKey(request);
				if (earlier.isPresent()) {
					return Attempt.reserved(earlier.get(), null);
				}
				Optional<IdempotentAnswers.Answer> refused = this.answers.find(request.fan(),
						IdempotentAnswers.Operation.RESERVE, key);
				if (refused.isPresent()) {
					if (!refused.get().isFor(request.fingerprint())) {
						throw new CheckoutRefusedException(Reason.IDEMPOTENCY_KEY_REUSED);
					}
					return Attempt.refused(refused.get().refusalAgain(), null);
				}
			}
			catch (CheckoutRefusedException ex) {
				return Attempt.refused(ex, null);
			}
			if (knownSoldOut) {
				// Nothing to roll back: the key keeps this answer.
				CheckoutRefusedException refusal = new CheckoutRefusedException(Reason.SOLD_OUT);
				this.answers.keepRefusal(request.fan(), IdempotentAnswers.Operation.RESERVE, key, request.fingerprint(),
						refusal, this.clock.instant());
				return Attempt.refused(refusal, null);
			}
			// A refusal rolls back to here, keeps the answer and commits.
			this.jdbc.sql("savepoint reserve_claim").update();
		}
		Claim claim = new Claim();
		try {
			Reservation reservation = claim(request, gated, holdUntil, channel, claim);
			return new Attempt(reservation, null, claim.drop, true, false);
		}
		catch (CheckoutRefusedException ex) {
			if (key != null && IdempotentAnswers.keeps(ex.reason())) {
				this.jdbc.sql("rollback to savepoint reserve_claim").update();
				this.answers.keepRefusal(request.fan(), IdempotentAnswers.Operation.RESERVE, key, request.fingerprint(),
						ex, this.clock.instant());
			}
			else {
				status.setRollbackOnly();
			}
			// Only when no unit was free at all: while other claims are in flight,
			// the one that commits last looks itself.
			return new Attempt(null, ex, claim.drop, claim.noneFree, claim.noneFree && claim.onlyItem);
		}
	}

	private Reservation claim(ReserveRequest request, boolean gated, Instant holdUntil, Channel ungatedChannel,
			Claim claim) {
		Instant now = this.clock.instant();
		// Only what the claim needs: the drop with its items and the one SKU, no page
		// view; read once a second while fans storm the same drop.
		ClaimTargets.Target target = this.targets.find(request.dropSlug(), request.sku())
			.filter(found -> found.drop().stateAt(now).isPublic())
			.orElseThrow(() -> new CheckoutRefusedException(Reason.NOT_FOUND));
		Drop drop = target.drop();
		DropItem item = target.item();
		claim.drop = drop.id().value();
		// A drop that is over says so, also when its last units went before it closed: a
		// page left open past the close is not told to wait, nor that units come back.
		if (gated && drop.stateAt(now) == DropState.CLOSED) {
			throw new CheckoutRefusedException(Reason.DROP_CLOSED);
		}
		// The cheap answer once stock is gone, before the access check's read: no
		// allowance row touched, no unit row locked. Sold out is sold out for everyone.
		if (!this.units.anyFree(item.id())) {
			claim.noneFree = true;
			claim.onlyItem = drop.items().size() == 1;
			throw new CheckoutRefusedException(Reason.SOLD_OUT);
		}
		PurchaseAccess.Decision decision = gated ? this.access.check(drop, request.fan(), now) : null;
		if (decision != null && !decision.allowed()) {
			throw new CheckoutRefusedException(Reason.NOT_OPEN_TO_FAN, decision.opensToYouAt());
		}
		// Holds the account against a deletion until this claim commits (the deletion
		// then releases the hold), or waits for one in progress and refuses. Before any
		// row of the fan's is written: the deletion locks the account first.
		if (!this.deletions.guard(request.fan())) {
			throw new CheckoutRefusedException(Reason.ACCOUNT_DELETED);
		}
		// Only fans reaching for a unit queue: a draw's offer or a confirmed pre-order
		// was decided before. The flag comes with the drop, no query for other drops.
		// A fan holding their own early-access code is not in the rush the queue is
		// for: the code itself admits them, once, also after the opening (looked up
		// only when no admission came).
		EarlyAccessCode code = (decision != null) ? decision.earlyAccessCode() : null;
		boolean codeForQueue = false;
		if (gated && drop.hasWaitingRoom() && code == null && !admitted(drop, request)) {
			code = this.access.queueFreeCode(drop, request.fan(), now, decision)
				.orElseThrow(() -> new CheckoutRefusedException(Reason.ADMISSION_REQUIRED));
			codeForQueue = true;
		}
		if (gated && drop.fairness().hasAccountRequirements()) {
			// Only drops with requirements read the account: the others' claims stay as
			// they were.
			checkAccount(drop, request.fan(), now);
		}
		Channel channel = (decision == null) ? ungatedChannel : channelOf(drop, now);
		UUID id = UUID.randomUUID();
		// Let in by an early-access code: this reservation uses it up, and of two racing
		// with one code only one gets it. Rolls back with a refusal below.
		if (code != null && !this.codes.redeem(code.id(), request.fan(), drop.id(), id, now)) {
			throw codeForQueue ? new CheckoutRefusedException(Reason.ADMISSION_REQUIRED)
					: new CheckoutRefusedException(Reason.NOT_OPEN_TO_FAN, decision.opensToEveryoneAt());
		}
		takeAllowance(item, request);
		List<Integer> editions = this.units.claim(item.id(), id, request.quantity());
		if (editions.size() < request.quantity()) {
			// Rolls back the allowance and the partial claim with the transaction. Units
			// were left, only fewer than asked for: not sold out.
			throw editions.isEmpty() ? new CheckoutRefusedException(Reason.SOLD_OUT)
					: new CheckoutRefusedException(Reason.NOT_ENOUGH_LEFT, null, String.valueOf(editions.size()));
		}
		// To the microsecond, as PostgreSQL keeps it: a retry must read back the same
		// answer.
		Instant expiresAt = ((holdUntil != null) ? holdUntil : now.plus(Duration.ofMinutes(drop.holdMinutes())))
			.truncatedTo(ChronoUnit.MICROS);
		this.jdbc.sql("""
				insert into reservations (id, drop_item_id, account_id, quantity, editions, status, expires_at,
				                          created_at, idempotency_key, request_hash, channel)
				values (:id, :item, :fan, :quantity, :editions, 'HELD', :expires, :now, :key, :hash, :channel)
				""")
			.param("id", id)
			.param("item", item.id())
			.param("fan", request.fan().value())
			.param("quantity", request.quantity())
			.param("editions", editions.toArray(Integer[]::new))
			.param("expires", Timestamp.from(expiresAt))
			.param("now", Timestamp.from(now))
			.param("key", request.idempotencyKey())
			.param("hash", (request.idempotencyKey() != null) ? request.fingerprint() : null)
			.param("channel", channel.name())
			.update();
		this.events.publishEvent(new ReservationPlaced(id, item.id(), request.fan(), editions, now));
		return new Reservation(id, request.dropSlug(), request.sku(), request.fan(), request.quantity(), editions,
				Reservation.Status.HELD, expiresAt);
	}

	/**
	 * The channel of a hold the early-access gate allowed: before the opening only
	 * waitlist members pass the gate.
	 */
	private static Channel channelOf(Drop drop, Instant now) {
		if (now.isBefore(drop.timeline().opensAt())) {
			return Channel.EARLY_ACCESS;
		}
		return (drop.accessMode() == AccessMode.WAITLIST_ONLY) ? Channel.WAITLIST : Channel.PUBLIC;
	}

	/**
	 * Gives a held reservation back at once; its units are available again. Giving back a
	 * hold that is already given back (or ran out) changes nothing: a client that never
	 * heard the first answer may send it again, to any node.
	 * @param reservation the reservation
	 * @param fan the fan who holds it (another fan's reservation is not found)
	 */
	@Transactional
	public void release(UUID reservation, AccountId fan) {
		Optional<Held> found = lockHeld(reservation).filter(hold -> hold.fan().equals(fan.value()));
		if (found.isEmpty()) {
			boolean ended = this.jdbc
				.sql("select exists (select 1 from reservations where id = ? and account_id = ? "
						+ "and status in ('RELEASED', 'EXPIRED'))")
				.params(reservation, fan.value())
				.query(Boolean.class)
				.single();
			if (ended) {
				return;
			}
			throw new CheckoutRefusedException(Reason.NOT_FOUND);
		}
		Held held = found.get();
		end(held, Reservation.Status.RELEASED);
		this.events.publishEvent(
				new ReservationReleased(held.id(), held.dropItem(), new AccountId(held.fan()), held.editions()));
	}

	/**
	 * Releases every hold a fan has now, as {@link #release(UUID, AccountId)} does one;
	 * for a deleted account.
	 * @param fan the fan
	 * @return how many were released
	 */
	int releaseAllOf(AccountId fan) {
		List<Held> held = this.jdbc.sql("""
				select id, drop_item_id, account_id, quantity, editions from reservations
				where account_id = ? and status = 'HELD' order by id for update
				""").param(fan.value()).query(Checkout::held).list();
		for (Held hold : held) {
			end(hold, Reservation.Status.RELEASED);
			this.events.publishEvent(
					new ReservationReleased(hold.id(), hold.dropItem(), new AccountId(hold.fan()), hold.editions()));
		}
		return held.size();
	}

	/**
	 * Releases up to {@code limit} holds that expired, each exactly once: rows another
	 * node is releasing are skipped, not waited for, and so is a hold whose payment began
	 * before it expired and is still in flight.
	 * @param limit the most holds to release in this call
	 * @return how many were released
	 */
	@Transactional
	public int releaseExpired(int limit) {
		List<Held> expired = this.jdbc.sql("""
				select id, drop_item_id, account_id, quantity, editions from reservations
				where status = 'HELD' and expires_at <= :now and (paying = 0 or paying_until <= :now)
				order by expires_at limit :limit for update skip locked
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("limit", limit)
			.query(Checkout::held)
			.list();
		for (Held held : expired) {
			end(held, Reservation.Status.EXPIRED);
			this.events.publishEvent(
					new ReservationExpired(held.id(), held.dropItem(), new AccountId(held.fan()), held.editions()));
		}
		return expired.size();
	}

	/**
	 * Tells whether a payment for a fan's hold is going through now: begun while the hold
	 * was held, not ended, and within its window. Such a hold stays the fan's even past
	 * its expiry (see {@link OrderManagement#placeOrder(PlaceOrder)}).
	 * @param reservation the hold
	 * @param fan the fan
	 * @return {@code true} while a payment is in flight
	 */
	@Transactional(readOnly = true)
	public boolean paymentInFlight(UUID reservation, AccountId fan) {
		return this.jdbc.sql("""
				select count(*) from reservations
				where id = ? and account_id = ? and status = 'HELD' and paying > 0 and paying_until > ?
				""")
			.params(reservation, fan.value(), Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Finds a fan's reservation.
	 * @param reservation the id
	 * @param fan the fan
	 * @return the reservation, empty when unknown or another fan's
	 */
	@Transactional(readOnly = true)
	public Optional<Reservation> find(UUID reservation, AccountId fan) {
		return this.jdbc.sql(RESERVATIONS + """
				where r.id = ? and r.account_id = ?
				""").params(reservation, fan.value()).query(Checkout::reservation).optional();
	}

	/**
	 * Tells how many units of each of a drop's items a fan holds or bought, as the
	 * per-fan limit counts them (a hold given back or run out no longer counts).
	 * @param drop the drop
	 * @param fan the fan
	 * @return the units by drop item; items the fan has none of are missing
	 */
	@Transactional(readOnly = true)
	public Map<UUID, Integer> takenBy(DropId drop, AccountId fan) {
		Map<UUID, Integer> taken = new HashMap<>();
		this.jdbc.sql("""
				select a.drop_item_id, a.taken from fan_allowances a join drop_items i on i.id = a.drop_item_id
				where i.drop_id = ? and a.account_id = ? and a.taken > 0
				""").params(drop.value(), fan.value()).query(rs -> {
			taken.put(rs.getObject(1, UUID.class), rs.getInt(2));
		});
		return taken;
	}

	/**
	 * Tells whether a fan holds or bought as many of each of a drop's items as one fan
	 * may have, so there is nothing more for them to reserve.
	 * @param drop the drop
	 * @param fan the fan
	 * @return whether the fan is at the per-fan limit of every item
	 */
	@Transactional(readOnly = true)
	public boolean atLimit(DropId drop, AccountId fan) {
		return this.jdbc.sql("""
				select exists (select 1 from drop_items where drop_id = :drop) and not exists (
				  select 1 from drop_items i
				  left join fan_allowances a on a.drop_item_id = i.id and a.account_id = :fan
				  where i.drop_id = :drop and coalesce(a.taken, 0) < i.per_fan_limit)
				""").param("drop", drop.value()).param("fan", fan.value()).query(Boolean.class).single();
	}

	/**
	 * Lists a fan's holds of a drop that are live and theirs to pay on the checkout page
	 * (not the holds a confirmed pre-order is paid from by itself).
	 * @param drop the drop
	 * @param fan the fan
	 * @return the holds, oldest first
	 */
	@Transactional(readOnly = true)
	public List<Reservation> payableHoldsOf(DropId drop, AccountId fan) {
		return this.jdbc.sql(RESERVATIONS + """
				where i.drop_id = ? and r.account_id = ? and r.status = 'HELD' and r.expires_at > ?
				  and r.channel is distinct from 'PREORDER'
				order by r.created_at, r.id
				""")
			.params(drop.value(), fan.value(), Timestamp.from(this.clock.instant()))
			.query(Checkout::reservation)
			.list();
	}

	/**
	 * Lists every hold a fan took, newest first, whatever became of it.
	 * @param fan the fan
	 * @return their holds only
	 */
	@Transactional(readOnly = true)
	public List<Reservation> reservationsOf(AccountId fan) {
		return this.jdbc.sql(RESERVATIONS + """
				where r.account_id = ? order by r.created_at desc, r.id
				""").param(fan.value()).query(Checkout::reservation).list();
	}

	private Optional<Reservation> byKey(ReserveRequest request) {
		return this.jdbc.sql("""
				select r.id, r.quantity, r.editions, r.status, r.expires_at, r.account_id, r.request_hash,
				       s.slug as sku, d.slug as drop
				from reservations r join drop_items i on i.id = r.drop_item_id
				join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id
				where r.account_id = ? and r.idempotency_key = ?
				""").params(request.fan().value(), request.idempotencyKey()).query((rs, row) -> {
			if (!request.fingerprint().equals(rs.getString("request_hash"))) {
				throw new CheckoutRefusedException(Reason.IDEMPOTENCY_KEY_REUSED);
			}
			return reservation(rs, row);
		}).optional();
	}

	private void checkAccount(Drop drop, AccountId fan, Instant now) {
		Optional<FairnessRules.Requirement> missed = missedRequirement(drop, fan, now);
		if (missed.isPresent()) {
			throw new CheckoutRefusedException(Reason.ACCOUNT_REQUIREMENT, null, missed.get().name());
		}
	}

	/**
	 * Tells which of a drop's account requirements a fan misses, as a reserve would: for
	 * pages that tell fans where they stand before they try.
	 * @param drop the drop
	 * @param fan the fan
	 * @param now the moment
	 * @return the first requirement missed, empty when the fan meets them all (or the
	 * drop sets none)
	 */
	@Transactional(readOnly = true)
	public Optional<FairnessRules.Requirement> missedRequirement(Drop drop, AccountId fan, Instant now) {
		FairnessRules rules = drop.fairness();
		if (!rules.hasAccountRequirements()) {
			return Optional.empty();
		}
		// An account that cannot be read meets nothing. A buyer holds a paid order from
		// the drop named (one taken back, cancelled or not collected, no longer counts).
		return this.jdbc.sql("""
				select a.created_at, a.email_confirmed_at is not null as confirmed,
				  exists (select 1 from orders o join drop_items i on i.id = o.drop_item_id
				          where o.account_id = a.id and i.drop_id = :source and o.status = 'PAID') as bought
				from accounts a where a.id = :fan
				""")
			.param("fan", fan.value())
			.param("source", (rules.buyersOf() != null) ? rules.buyersOf().value() : null, Types.OTHER)
			.query((rs, row) -> Optional
				.ofNullable(rules.missedBy(drop.timeline(), rs.getTimestamp("created_at").toInstant(),
						rs.getBoolean("confirmed"), rs.getBoolean("bought"), now)))
			.optional()
			.orElse(Optional.of(FairnessRules.Requirement.CONFIRMED_EMAIL));
	}

	private boolean admitted(Drop drop, ReserveRequest request) {
		AdmissionGate gate = this.gate.getIfAvailable();
		return gate != null && gate.admit(drop, request.fan(), request.admissionToken());
	}

	private void takeAllowance(DropItem item, ReserveRequest request) {
		// One statement: counts the fan's units and refuses going above the limit
		// atomically.
		boolean taken = !this.jdbc.sql("""
				insert into fan_allowances (drop_item_id, account_id, taken) values (:item, :fan, :quantity)
				on conflict (drop_item_id, account_id)
				do update set taken = fan_allowances.taken + excluded.taken
				where fan_allowances.taken + excluded.taken <= :limit
				returning taken
				""")
			.param("item", item.id())
			.param("fan", request.fan().value())
			.param("quantity", request.quantity())
			.param("limit", item.perFanLimit())
			.query(Integer.class)
			.list()
			.isEmpty();
		if (!taken || request.quantity() > item.perFanLimit()) {
			throw new CheckoutRefusedException(Reason.OVER_LIMIT);
		}
	}

	private Optional<Held> lockHeld(UUID reservation) {
		return this.jdbc.sql("""
				select id, drop_item_id, account_id, quantity, editions from reservations
				where id = ? and status = 'HELD' for update
				""").param(reservation).query(Checkout::held).optional();
	}

	private void end(Held held, Reservation.Status status) {
		this.units.free(held.id());
		this.soldOut.unitsComeBack();
		this.jdbc.sql("update fan_allowances set taken = taken - ? where drop_item_id = ? and account_id = ?")
			.params(held.quantity(), held.dropItem(), held.fan())
			.update();
		this.jdbc.sql("update reservations set status = ? where id = ?").params(status.name(), held.id()).update();
	}

	private static Held held(ResultSet rs, int row) throws SQLException {
		return new Held(rs.getObject("id", UUID.class), rs.getObject("drop_item_id", UUID.class),
				rs.getObject("account_id", UUID.class), rs.getInt("quantity"), editions(rs.getArray("editions")));
	}

	private static Reservation reservation(ResultSet rs, int row) throws SQLException {
		return new Reservation(rs.getObject("id", UUID.class), rs.getString("drop"), rs.getString("sku"),
				new AccountId(rs.getObject("account_id", UUID.class)), rs.getInt("quantity"),
				editions(rs.getArray("editions")), Reservation.Status.valueOf(rs.getString("status")),
				rs.getTimestamp("expires_at").toInstant());
	}

	private static List<Integer> editions(Array array) throws SQLException {
		return Arrays.asList((Integer[]) array.getArray());
	}

	private record Held(UUID id, UUID dropItem, UUID fan, int quantity, List<Integer> editions) {
	}

	/**
	 * What one reserve attempt came to: a reservation (new, or the one a key stands for)
	 * or a refusal; the drop when it was found, whether the drop may have sold out (units
	 * were claimed, or none was free), and whether no unit of the whole drop was free
	 * (its only item had none).
	 */
	private record Attempt(Reservation reservation, CheckoutRefusedException refusal, UUID drop, boolean look,
			boolean wholeDropSoldOut) {

		static Attempt reserved(Reservation reservation, UUID drop) {
			return new Attempt(reservation, null, drop, false, false);
		}

		static Attempt refused(CheckoutRefusedException refusal, UUID drop) {
			return new Attempt(null, refusal, drop, false, false);
		}

	}

	/** What a claim found, also when it was then refused. */
	private static final class Claim {

		private UUID drop;

		private boolean noneFree;

		private boolean onlyItem;

	}

}
