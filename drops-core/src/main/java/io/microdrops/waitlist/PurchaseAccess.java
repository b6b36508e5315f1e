package io.microdrops.waitlist;

import java.time.Instant;
import java.util.Optional;

import io.microdrops.account.AccountId;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropState;
import io.microdrops.drop.Timeline;
import io.microdrops.offer.EarlyAccessCode;
import io.microdrops.offer.EarlyAccessCodes;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The early-access gate: may this fan buy from this drop at this moment? Checkout asks
 * before it holds units; pages ask to tell fans where they stand.
 * <ul>
 * <li>First come: waitlist members may buy from early access (when the drop has one),
 * everyone from the opening.</li>
 * <li>Waitlist only: only waitlist members may buy, ever; from early access, or from the
 * opening when the drop has none.</li>
 * <li>Draw: the draw decides, not this gate.</li>
 * </ul>
 * A fan's early-access code from a follow-up offer opens a first-come or waitlist-only
 * drop of its community to that fan from the code's own moment: the gate looks for one
 * only when it would otherwise refuse a signed-in fan, and names it in the decision so
 * that checkout uses it up with the reservation.
 * <p>
 * Stock is not this gate's business: a sold-out drop is still "allowed" here, and
 * checkout answers with sold out.
 */
@Service
public class PurchaseAccess {

	private final DropManagement drops;

	private final WaitlistManagement waitlists;

	private final EarlyAccessCodes codes;

	PurchaseAccess(DropManagement drops, WaitlistManagement waitlists, EarlyAccessCodes codes) {
		this.drops = drops;
		this.waitlists = waitlists;
		this.codes = codes;
	}

	/**
	 * Decides whether a fan may buy from a drop at a moment.
	 * @param dropSlug the drop
	 * @param fan the fan, or {@code null} when nobody is signed in
	 * @param now the moment
	 * @return the decision, with a plain-words explanation key
	 * @throws DropNotFoundException when there is no such drop, or fans cannot see it yet
	 */
	@Transactional(readOnly = true)
	public Decision check(String dropSlug, AccountId fan, Instant now) {
		return check(this.drops.require(dropSlug), fan, now);
	}

	/**
	 * Decides whether a fan may buy from a drop the caller has loaded already.
	 * @param drop the drop
	 * @param fan the fan, or {@code null} when nobody is signed in
	 * @param now the moment
	 * @return the decision, with a plain-words explanation key
	 * @throws DropNotFoundException when fans cannot see the drop yet
	 */
	@Transactional(readOnly = true)
	public Decision check(Drop drop, AccountId fan, Instant now) {
		DropState state = drop.stateAt(now);
		if (!state.isPublic()) {
			throw new DropNotFoundException(drop.slug());
		}
		if (drop.awaitsPreorderOutcome() && (state == DropState.EARLY_ACCESS || state == DropState.LIVE)) {
			// Pre-orders take their units first: sales wait until each one is settled.
			return new Decision(Verdict.NOT_OPEN_YET, null, null, "access.awaiting-preorders");
		}
		// Once a drop is open to everyone, being on its waitlist changes nothing unless
		// the drop is for waitlist members only: no read on a drop's busiest path.
		boolean asks = drop.accessMode() == AccessMode.WAITLIST_ONLY || now.isBefore(drop.timeline().opensAt());
		boolean member = fan != null && asks && this.waitlists.isOnWaitlist(drop.id(), fan);
		Decision decision = decide(drop.accessMode(), drop.timeline(), state, fan != null, member, now);
		if (fan == null
				|| (decision.verdict() != Verdict.NOT_OPEN_YET && decision.verdict() != Verdict.WAITLIST_ONLY)) {
			return decision;
		}
		// Only a fan the gate would turn away costs the code lookup.
		return this.codes.usableFor(drop, fan, now).map(code -> withCode(decision, code, now)).orElse(decision);
	}

	/**
	 * The fan's early-access code that lets them reserve now without a waiting room's
	 * admission: the code admits its holder once, before the opening (when the gate lets
	 * them in by it) and after it too, so a fan who held a code at the opening is not
	 * sent to the back of the queue. Looked up only for drops with a waiting room whose
	 * gate lets the fan buy.
	 * @param drop the drop
	 * @param fan the fan
	 * @param now the moment
	 * @param decision the gate's decision for the fan at that moment
	 * @return the code, empty when there is none to use now
	 */
	@Transactional(readOnly = true)
	public Optional<EarlyAccessCode> queueFreeCode(Drop drop, AccountId fan, Instant now, Decision decision) {
		if (!decision.allowed() || !drop.hasWaitingRoom()) {
			return Optional.empty();
		}
		if (decision.earlyAccessCode() != null) {
			return Optional.of(decision.earlyAccessCode());
		}
		return this.codes.usableFor(drop, fan, now).filter(code -> !now.isBefore(code.opensAt()));
	}

	/**
	 * The rule for a fan holding an early-access code: allowed from the code's moment, or
	 * told that moment when it is earlier than the one they had.
	 * @param without the decision without the code
	 * @param code the fan's code for the drop
	 * @param now the moment
	 * @return the decision with the code
	 */
	static Decision withCode(Decision without, EarlyAccessCode code, Instant now) {
		if (!now.isBefore(code.opensAt())) {
			return new Decision(Verdict.ALLOWED, code.opensAt(), without.opensToEveryoneAt(), "access.allowed.code",
					code);
		}
		if (without.opensToYouAt() == null || code.opensAt().isBefore(without.opensToYouAt())) {
			return new Decision(Verdict.NOT_OPEN_YET, code.opensAt(), without.opensToEveryoneAt(),
					"access.not-open-yet.code", code);
		}
		return without;
	}

	/**
	 * Tells whether only the drop's waitlist members may buy at a moment, or will be the
	 * first to: on a waitlist-only drop always, on a first-come drop with early access
	 * until its opening (the rule of {@link #decide}, for those who queue fans by it).
	 * @param drop the drop
	 * @param now the moment
	 * @return {@code true} while members come first
	 */
	public static boolean membersFirst(Drop drop, Instant now) {
		return drop.accessMode() == AccessMode.WAITLIST_ONLY
				|| (drop.timeline().earlyAccessAt() != null && now.isBefore(drop.timeline().opensAt()));
	}

	/**
	 * The rule itself, free of the database.
	 * @param mode the drop's access mode
	 * @param timeline the drop's timeline
	 * @param state the drop's state at the moment (closed early included)
	 * @param signedIn whether a fan is signed in
	 * @param member whether that fan is on the drop's waitlist
	 * @param now the moment
	 * @return the decision
	 */
	static Decision decide(AccessMode mode, Timeline timeline, DropState state, boolean signedIn, boolean member,
			Instant now) {
		Instant everyone = timeline.opensAt();
		Instant early = timeline.earlyAccessAt();
		if (state == DropState.CLOSED) {
			return new Decision(Verdict.CLOSED, null, null, "access.closed");
		}
		if (mode == AccessMode.DRAW) {
			return new Decision(Verdict.BY_DRAW, null, null, "access.by-draw");
		}
		if (!signedIn) {
			return new Decision(Verdict.NOT_SIGNED_IN, null, (mode == AccessMode.FIRST_COME) ? everyone : null,
					"access.not-signed-in");
		}
		if (mode == AccessMode.WAITLIST_ONLY) {
			Instant members = (early != null) ? early : everyone;
			if (!member) {
				return new Decision(Verdict.WAITLIST_ONLY, null, null, "access.waitlist-only");
			}
			if (now.isBefore(members)) {
				return new Decision(Verdict.NOT_OPEN_YET, members, null, "access.not-open-yet.member");
			}
			return new Decision(Verdict.ALLOWED, members, null, "access.allowed.member");
		}
		if (!now.isBefore(everyone)) {
			return new Decision(Verdict.ALLOWED, everyone, everyone, "access.allowed");
		}
		if (member && early != null) {
			if (now.isBefore(early)) {
				return new Decision(Verdict.NOT_OPEN_YET, early, everyone, "access.not-open-yet.member-early");
			}
			return new Decision(Verdict.ALLOWED, early, everyone, "access.allowed.early");
		}
		if (early != null && !now.isBefore(early)) {
			return new Decision(Verdict.NOT_OPEN_YET, everyone, everyone, "access.not-open-yet.early-running");
		}
		return new Decision(Verdict.NOT_OPEN_YET, everyone, everyone,
				(early != null) ? "access.not-open-yet.join-for-early" : "access.not-open-yet");
	}

	/**
	 * What the gate answers.
	 */
	public enum Verdict {

		/** The fan may buy now. */
		ALLOWED,

		/** Not yet: see {@link Decision#opensToYouAt()}. */
		NOT_OPEN_YET,

		/** Only waitlist members may buy, and this fan is not one. */
		WAITLIST_ONLY,

		/** The drop is shared out by draw; the draw decides. */
		BY_DRAW,

		/** The drop is over. */
		CLOSED,

		/** Nobody is signed in. */
		NOT_SIGNED_IN

	}

	/**
	 * The gate's answer.
	 *
	 * @param verdict what it decided
	 * @param opensToYouAt when this fan may (or could) start buying, or {@code null} when
	 * they cannot
	 * @param opensToEveryoneAt when everyone may start buying, or {@code null} when not
	 * everyone ever may (waitlist only, draw) or the drop is closed
	 * @param reasonKey the message explaining the decision in plain words
	 * @param earlyAccessCode the fan's early-access code that the decision rests on, or
	 * {@code null}; a reservation let through by it uses it up
	 */
	public record Decision(Verdict verdict, Instant opensToYouAt, Instant opensToEveryoneAt, String reasonKey,
			EarlyAccessCode earlyAccessCode) {

		/**
		 * Creates a decision that rests on no early-access code.
		 * @param verdict what it decided
		 * @param opensToYouAt when this fan may start buying, or {@code null}
		 * @param opensToEveryoneAt when everyone may start buying, or {@code null}
		 * @param reasonKey the message explaining the decision
		 */
		public Decision(Verdict verdict, Instant opensToYouAt, Instant opensToEveryoneAt, String reasonKey) {
			this(verdict, opensToYouAt, opensToEveryoneAt, reasonKey, null);
		}

		/**
		 * Tells whether the fan may buy now.
		 * @return {@code true} for {@link Verdict#ALLOWED}
		 */
		public boolean allowed() {
			return this.verdict == Verdict.ALLOWED;
		}

	}

}
