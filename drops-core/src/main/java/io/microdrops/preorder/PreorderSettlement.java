package io.microdrops.preorder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PaymentProvider;
import io.microdrops.checkout.PaymentUnavailableException;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.PreorderOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles pre-orders once their drop's deadline passed, in three steps, each exactly once
 * on any number of nodes:
 * <ol>
 * <li><b>Decide</b> ({@link #decide}): with the drop's pre-order row claimed
 * ({@code FOR UPDATE SKIP LOCKED}), count the open units against the threshold. Missed:
 * void every pre-order and close the drop, in one transaction, and publish
 * {@link PreordersVoided}. Reached: record it; sales keep waiting.</li>
 * <li><b>Convert</b> ({@link #convert}): each pre-order, first placed first, is claimed
 * with a lease and becomes an order through checkout: its units (lowest editions first)
 * are held under an idempotency key of its own and paid with the kept payment method, or
 * by capturing the authorisation taken when it was placed (Stripe). The payment happens
 * outside any transaction and row lock; a node that dies mid-way leaves the lease to run
 * out, and the next attempt finds the same hold or order again. A declined card fails
 * that pre-order alone; nothing is charged and its units go back.</li>
 * <li><b>Complete</b> ({@link #complete}): once no pre-order of a confirmed drop is open,
 * record the outcome on the drop, which lets sales start.</li>
 * <li><b>Release</b> ({@link #release}): the authorisations of pre-orders that will not
 * become orders (voided, withdrawn, failed) are let go with the payment provider, outside
 * any transaction, and recorded as released.</li>
 * </ol>
 */
@Service
public class PreorderSettlement {

	private static final Logger logger = LoggerFactory.getLogger(PreorderSettlement.class);

	/** How long a claimed pre-order is this node's to convert. */
	static final Duration LEASE = Duration.ofMinutes(5);

	/** Attempts before a pre-order whose payment could not be made at all fails. */
	static final int MAX_ATTEMPTS = 8;

	/**
	 * The wait after a payment provider outage, doubling per attempt, at most an hour.
	 */
	static final Duration FIRST_RETRY = Duration.ofSeconds(30);

	private final DropManagement drops;

	private final Checkout checkout;

	private final OrderManagement orders;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PaymentProvider payments;

	PreorderSettlement(DropManagement drops, Checkout checkout, OrderManagement orders, JdbcClient jdbc,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock,
			PaymentProvider payments) {
		this.payments = payments;
		this.drops = drops;
		this.checkout = checkout;
		this.orders = orders;
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Lists the drops whose pre-orders wait for a decision: their deadline passed with no
	 * outcome, including drops that stopped taking pre-orders after fans had placed some.
	 * @return the drops' slugs
	 */
	@Transactional(readOnly = true)
	public List<String> dueForDecision() {
		Set<String> slugs = new LinkedHashSet<>(this.drops.awaitingPreorderOutcome());
		slugs.addAll(this.jdbc.sql("""
				select d.slug from preorder_drops p join drops d on d.id = p.drop_id
				where p.decided_at is null and d.scheduled and d.preorder_threshold is null
				  and coalesce(d.early_access_at, d.opens_at) <= ?
				""").param(Timestamp.from(this.clock.instant())).query(String.class).list());
		return List.copyOf(slugs);
	}

	/**
	 * Decides a drop's pre-orders, unless another caller holds or decided them.
	 * @param dropSlug the drop
	 * @return the outcome this call decided, empty when there was nothing to decide
	 */
	@Transactional
	public Optional<PreorderOutcome> decide(String dropSlug) {
		Drop drop = this.drops.find(dropSlug).orElse(null);
		Instant now = this.clock.instant();
		if (drop == null || !drop.isScheduled() || drop.preorderOutcome() != null
				|| now.isBefore(drop.preorderDeadline())) {
			return Optional.empty();
		}
		UUID dropId = drop.id().value();
		this.jdbc.sql("insert into preorder_drops (drop_id, created_at) values (?, ?) on conflict (drop_id) do nothing")
			.params(dropId, Timestamp.from(now))
			.update();
		// A row another node holds is skipped, not waited for: that node decides.
		List<Boolean> claimed = this.jdbc
			.sql("select decided_at is not null from preorder_drops where drop_id = ? for update skip locked")
			.param(dropId)
			.query(Boolean.class)
			.list();
		if (claimed.isEmpty() || claimed.getFirst()) {
			return Optional.empty();
		}
		int units = this.jdbc.sql("""
				select coalesce(sum(p.quantity), 0) from preorders p join drop_items i on i.id = p.drop_item_id
				where p.drop_id = ? and p.status = 'PENDING'
				""").param(dropId).query(Integer.class).single();
		Integer threshold = drop.preorderThreshold();
		PreorderOutcome outcome = (threshold != null && units >= threshold) ? PreorderOutcome.CONFIRMED
				: PreorderOutcome.VOIDED;
		this.jdbc.sql("""
				update preorder_drops set decided_at = :now, outcome = :outcome, units = :units, threshold = :threshold
				where drop_id = :drop
				""")
			.param("now", Timestamp.from(now))
			.param("outcome", outcome.name())
			.param("units", units)
			.param("threshold", threshold)
			.param("drop", dropId)
			.update();
		if (outcome == PreorderOutcome.VOIDED) {
			// No pre-order can be placed or withdrawn meanwhile: both take the row locked
			// above.
			List<PreordersVoided.Voided> voided = this.jdbc.sql("""
					select id, account_id from preorders where drop_id = ? and status = 'PENDING'
					order by created_at, id
					""")
				.param(dropId)
				.query((rs, row) -> new PreordersVoided.Voided(rs.getObject("id", UUID.class),
						new AccountId(rs.getObject("account_id", UUID.class))))
				.list();
			this.jdbc
				.sql("update preorders set status = 'VOIDED', settled_at = ? where drop_id = ? and status = 'PENDING'")
				.params(Timestamp.from(now), dropId)
				.update();
			if (threshold != null) {
				this.drops.settlePreorders(dropSlug, PreorderOutcome.VOIDED);
			}
			this.jdbc.sql("update preorder_drops set completed_at = ? where drop_id = ?")
				.params(Timestamp.from(now), dropId)
				.update();
			this.events.publishEvent(new PreordersVoided(drop.id(), dropSlug, units, threshold, voided));
			logger.info("Pre-orders of drop {} voided: {} of {} units; {} pre-orders", dropSlug, units, threshold,
					voided.size());
		}
		else {
			logger.info("Pre-orders of drop {} confirmed: {} of {} units", dropSlug, units, threshold);
		}
		return Optional.of(outcome);
	}

	/**
	 * Lists pre-orders of confirmed drops that wait to become orders, first placed first.
	 * @param limit the most to list
	 * @return their ids
	 */
	@Transactional(readOnly = true)
	public List<UUID> dueForConversion(int limit) {
		return this.jdbc.sql("""
				select p.id from preorders p join preorder_drops d on d.drop_id = p.drop_id
				where d.outcome = 'CONFIRMED'
				  and ((p.status = 'PENDING' and (p.next_attempt_at is null or p.next_attempt_at <= :now))
				       or (p.status = 'CONFIRMING' and p.lease_until <= :now))
				order by p.created_at, p.id limit :limit
				""").param("now", Timestamp.from(this.clock.instant())).param("limit", limit).query(UUID.class).list();
	}

	/**
	 * Turns one pre-order of a confirmed drop into an order, unless another caller holds
	 * it or it is settled. Not one transaction: the payment happens between short ones.
	 * @param preorder the pre-order
	 * @return its status after this call, empty when this call did not claim it
	 */
	public Optional<PreorderStatus> convert(UUID preorder) {
		Instant now = this.clock.instant();
		Claim claim = this.transactions.execute(status -> claim(preorder, now));
		if (claim == null) {
			return Optional.empty();
		}
		if (claim.attempts() > MAX_ATTEMPTS) {
			releaseIfHeld(claim);
			return Optional.of(fail(claim, Preorder.Failure.PAYMENT_UNAVAILABLE, null));
		}
		Reservation hold;
		try {
			hold = hold(claim);
		}
		catch (CheckoutRefusedException ex) {
			Preorder.Failure failure = switch (ex.reason()) {
				case SOLD_OUT, NOT_ENOUGH_LEFT -> Preorder.Failure.SOLD_OUT;
				case OVER_LIMIT -> Preorder.Failure.OVER_LIMIT;
				default -> Preorder.Failure.ITEM_GONE;
			};
			return Optional.of(fail(claim, failure, null));
		}
		Order order;
		try {
			PlaceOrder place = new PlaceOrder(hold.id(), claim.fan(), claim.paymentMethod(), claim.fulfilment());
			// An authorisation taken when the pre-order was placed is captured, not
			// charged again.
			order = (claim.authorisation() != null)
					? this.orders.placeAuthorisedOrder(place, claim.authorisation(), claim.authorisedMinor())
					: this.orders.placeOrder(place);
		}
		catch (CheckoutRefusedException ex) {
			if (ex.reason() == CheckoutRefusedException.Reason.NOT_HELD) {
				// The hold ran out before the capture, or was released while capturing
				// (the capture stays with the authorisation): next time, a new hold.
				return Optional.of(retryLater(claim, claim.round() + 1, Duration.ZERO));
			}
			releaseIfHeld(claim.withReservation(hold.id()));
			return Optional.of(switch (ex.reason()) {
				case PAYMENT_DECLINED -> fail(claim, Preorder.Failure.PAYMENT_DECLINED, ex.getMessage());
				// Accounts sharing the card or address own the limit already: the per-fan
				// limit, counted across them.
				case IDENTITY_CAP -> fail(claim, Preorder.Failure.OVER_LIMIT, null);
				default -> fail(claim, Preorder.Failure.INVALID_FULFILMENT, null);
			});
		}
		catch (PaymentUnavailableException ex) {
			// The hold stays: the next attempt pays for it under the same key, so a
			// charge the provider made meanwhile is not made twice.
			logger.warn("Pre-order {} not paid yet, payment provider unavailable: {}", preorder, ex.getMessage());
			return Optional.of(retryLater(claim, claim.round(),
					FIRST_RETRY.multipliedBy(1L << Math.min(claim.attempts() - 1, 7))));
		}
		return Optional.of(ordered(claim, order));
	}

	/**
	 * Lists confirmed drops whose every pre-order is settled but whose sales still wait.
	 * @return the drops' slugs
	 */
	@Transactional(readOnly = true)
	public List<String> dueForCompletion() {
		return this.jdbc.sql("""
				select d.slug from preorder_drops p join drops d on d.id = p.drop_id
				where p.outcome = 'CONFIRMED' and p.completed_at is null
				  and not exists (select 1 from preorders o where o.drop_id = p.drop_id
				                  and o.status in ('PENDING', 'CONFIRMING'))
				""").query(String.class).list();
	}

	/**
	 * Records a confirmed drop's outcome once every pre-order of it is settled, so its
	 * sales may start; unless another caller holds the drop or did it.
	 * @param dropSlug the drop
	 * @return {@code true} if this call completed it
	 */
	@Transactional
	public boolean complete(String dropSlug) {
		Drop drop = this.drops.find(dropSlug).orElse(null);
		if (drop == null) {
			return false;
		}
		UUID dropId = drop.id().value();
		List<Boolean> claimed = this.jdbc.sql("""
				select completed_at is not null from preorder_drops where drop_id = ? and outcome = 'CONFIRMED'
				for update skip locked
				""").param(dropId).query(Boolean.class).list();
		boolean open = this.jdbc
			.sql("select exists (select 1 from preorders where drop_id = ? and status in ('PENDING', 'CONFIRMING'))")
			.param(dropId)
			.query(Boolean.class)
			.single();
		if (claimed.isEmpty() || claimed.getFirst() || open) {
			return false;
		}
		if (drop.preorderOutcome() == null && drop.preorderThreshold() != null) {
			this.drops.settlePreorders(dropSlug, PreorderOutcome.CONFIRMED);
		}
		this.jdbc.sql("update preorder_drops set completed_at = ? where drop_id = ?")
			.params(Timestamp.from(this.clock.instant()), dropId)
			.update();
		return true;
	}

	/**
	 * Lists settled pre-orders that never became orders (voided, withdrawn, failed) but
	 * still hold an authorisation on the fan's card, oldest first.
	 * @param limit the most to list
	 * @return their ids
	 */
	@Transactional(readOnly = true)
	public List<UUID> dueForRelease(int limit) {
		return this.jdbc.sql("""
				select id from preorders
				where authorisation_status = 'AUTHORISED' and status in ('FAILED', 'VOIDED', 'CANCELLED')
				order by settled_at, id limit ?
				""").param(limit).query(UUID.class).list();
	}

	/**
	 * Releases the authorisation of a pre-order that will not become an order, with the
	 * payment provider first (outside any transaction), then records it. Safe to repeat:
	 * the provider lets an authorisation go once.
	 * @param preorder the pre-order
	 * @return {@code true} if this call released it
	 * @throws io.microdrops.checkout.PaymentUnavailableException when the provider cannot
	 * be asked now; a later run tries again
	 */
	public boolean release(UUID preorder) {
		String authorisation = this.jdbc.sql("""
				select authorisation from preorders
				where id = ? and authorisation_status = 'AUTHORISED' and status in ('FAILED', 'VOIDED', 'CANCELLED')
				""").param(preorder).query(String.class).optional().orElse(null);
		if (authorisation == null) {
			return false;
		}
		this.payments.release(authorisation);
		Integer updated = this.transactions.execute(status -> this.jdbc.sql("""
				update preorders set authorisation_status = 'RELEASED'
				where id = ? and authorisation_status = 'AUTHORISED'
				""").param(preorder).update());
		logger.info("Authorisation {} of pre-order {} released", authorisation, preorder);
		return updated != null && updated == 1;
	}

	private Claim claim(UUID preorder, Instant now) {
		return this.jdbc.sql("""
				update preorders p set status = 'CONFIRMING', lease_until = :lease, attempts = p.attempts + 1
				from preorder_drops d
				where p.id = :id and d.drop_id = p.drop_id and d.outcome = 'CONFIRMED'
				  and ((p.status = 'PENDING' and (p.next_attempt_at is null or p.next_attempt_at <= :now))
				       or (p.status = 'CONFIRMING' and p.lease_until <= :now))
				returning p.id, p.account_id, p.quantity, p.payment_method, p.fulfilment_method, p.fulfilment_hub,
				          p.fulfilment_address, p.round, p.attempts, p.reservation_id, p.authorisation,
				          p.authorised_minor,
				          (select slug from drops where id = p.drop_id) as drop_slug,
				          (select slug from skus where id = p.sku_id) as sku
				""")
			.param("lease", Timestamp.from(now.plus(LEASE)))
			.param("id", preorder)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Claim(rs.getObject("id", UUID.class),
					new AccountId(rs.getObject("account_id", UUID.class)), rs.getString("drop_slug"),
					rs.getString("sku"), rs.getInt("quantity"), rs.getString("payment_method"),
					new Fulfilment(Fulfilment.Method.valueOf(rs.getString("fulfilment_method")),
							rs.getString("fulfilment_hub"), rs.getString("fulfilment_address")),
					rs.getInt("round"), rs.getInt("attempts"), rs.getObject("reservation_id", UUID.class),
					rs.getString("authorisation"), rs.getLong("authorised_minor")))
			.optional()
			.orElse(null);
	}

	/**
	 * The pre-order's hold: the one an earlier attempt made if it still holds or became
	 * the order, else a new one under the key of the next round.
	 */
	private Reservation hold(Claim claim) {
		int round = claim.round();
		if (claim.reservation() != null) {
			Optional<Reservation> earlier = this.checkout.find(claim.reservation(), claim.fan());
			if (earlier.isPresent() && isUsable(earlier.get())) {
				return earlier.get();
			}
			round++;
		}
		Reservation hold = this.checkout.reserveForPreorder(claim.reserveRequest(round));
		if (!isUsable(hold)) {
			// The key's hold was made by an attempt that died before recording it, and
			// has ended since.
			round++;
			hold = this.checkout.reserveForPreorder(claim.reserveRequest(round));
		}
		int recordedRound = round;
		UUID reservation = hold.id();
		this.transactions.executeWithoutResult(status -> this.jdbc
			.sql("update preorders set reservation_id = ?, round = ? where id = ? and status = 'CONFIRMING'")
			.params(reservation, recordedRound, claim.id())
			.update());
		return hold;
	}

	private static boolean isUsable(Reservation hold) {
		return hold.status() == Reservation.Status.HELD || hold.status() == Reservation.Status.ORDERED;
	}

	private void releaseIfHeld(Claim claim) {
		if (claim.reservation() == null) {
			return;
		}
		try {
			this.checkout.release(claim.reservation(), claim.fan());
		}
		catch (CheckoutRefusedException ex) {
			// Not held any more: its units went back already.
		}
	}

	private PreorderStatus retryLater(Claim claim, int round, Duration wait) {
		Instant next = this.clock.instant().plus(wait);
		this.transactions.executeWithoutResult(status -> this.jdbc.sql("""
				update preorders set status = 'PENDING', lease_until = null, round = ?, next_attempt_at = ?
				where id = ? and status = 'CONFIRMING'
				""").params(round, Timestamp.from(next), claim.id()).update());
		return PreorderStatus.PENDING;
	}

	private PreorderStatus fail(Claim claim, Preorder.Failure failure, String detail) {
		String shortDetail = (detail != null && detail.length() > 500) ? detail.substring(0, 500) : detail;
		this.transactions.executeWithoutResult(status -> {
			int updated = this.jdbc.sql("""
					update preorders set status = 'FAILED', lease_until = null, settled_at = ?, failure = ?,
					                     failure_detail = ?
					where id = ? and status = 'CONFIRMING'
					""").params(Timestamp.from(this.clock.instant()), failure.name(), shortDetail, claim.id()).update();
			if (updated == 1) {
				this.events.publishEvent(new PreorderFailed(claim.id(), claim.fan(), claim.dropSlug(), failure));
			}
		});
		logger.info("Pre-order {} of drop {} failed: {}", claim.id(), claim.dropSlug(), failure);
		return PreorderStatus.FAILED;
	}

	private PreorderStatus ordered(Claim claim, Order order) {
		this.transactions.executeWithoutResult(status -> {
			int updated = this.jdbc.sql("""
					update preorders set status = 'ORDERED', lease_until = null, settled_at = ?, order_id = ?,
					                     reservation_id = ?,
					                     authorisation_status = case when authorisation is not null then 'CAPTURED' end
					where id = ? and status = 'CONFIRMING'
					""")
				.params(Timestamp.from(this.clock.instant()), order.id(), order.reservation(), claim.id())
				.update();
			if (updated == 1) {
				this.events.publishEvent(
						new PreorderConfirmed(claim.id(), claim.fan(), claim.dropSlug(), order.id(), order.number()));
			}
		});
		return PreorderStatus.ORDERED;
	}

	/**
	 * A pre-order this node claimed.
	 */
	private record Claim(UUID id, AccountId fan, String dropSlug, String sku, int quantity, String paymentMethod,
			Fulfilment fulfilment, int round, int attempts, UUID reservation, String authorisation,
			long authorisedMinor) {

		ReserveRequest reserveRequest(int round) {
			return new ReserveRequest(this.dropSlug, this.sku, this.quantity, this.fan,
					"preorder-" + this.id + "-" + round);
		}

		Claim withReservation(UUID reservation) {
			return new Claim(this.id, this.fan, this.dropSlug, this.sku, this.quantity, this.paymentMethod,
					this.fulfilment, this.round, this.attempts, reservation, this.authorisation, this.authorisedMinor);
		}

	}

}
