package io.microdrops.drop;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A drop's fairness rules, published with its other rules before anyone may buy: which
 * identities the per-fan limit spans beyond the account (accounts paying with the same
 * card, or having their orders delivered to the same address, count as one fan), and what
 * an account needs to reserve (a confirmed e-mail address, an account created before a
 * moment or before the announcement, a minimum age, a paid order from an earlier drop —
 * for its buyers' add-ons).
 *
 * @param capAcrossCards accounts paying with the same card share the per-fan limit
 * @param capAcrossAddresses accounts delivering to the same address share it
 * @param confirmedEmail only accounts with a confirmed e-mail address may reserve
 * @param createdBefore only accounts created before this moment may reserve, or
 * {@code null}
 * @param createdBeforeAnnouncement only accounts created before the drop's announcement
 * may reserve
 * @param minAccountAgeDays only accounts at least this many days old may reserve, or
 * {@code null}
 * @param buyersOf only fans holding a paid order from this other drop may reserve, or
 * {@code null}
 */
public record FairnessRules(boolean capAcrossCards, boolean capAcrossAddresses, boolean confirmedEmail,
		Instant createdBefore, boolean createdBeforeAnnouncement, Integer minAccountAgeDays, DropId buyersOf) {

	/** The most days of account age a drop may ask for (ten years). */
	public static final int MAX_ACCOUNT_AGE_DAYS = 3650;

	/** No rule beyond the per-fan limit of each account. */
	public static final FairnessRules NONE = new FairnessRules(false, false, false, null, false, null, null);

	/**
	 * Tells whether the per-fan limit spans more than the account.
	 * @return {@code true} when cards or addresses are shared
	 */
	public boolean spansIdentities() {
		return this.capAcrossCards || this.capAcrossAddresses;
	}

	/**
	 * Tells whether an account must meet any requirement to reserve.
	 * @return {@code true} when there is a requirement
	 */
	public boolean hasAccountRequirements() {
		return this.confirmedEmail || this.createdBefore != null || this.createdBeforeAnnouncement
				|| this.minAccountAgeDays != null || this.buyersOf != null;
	}

	/**
	 * Returns the moment before which an account must have been created.
	 * @param timeline the drop's timeline, for "before the announcement"
	 * @return the moment, or {@code null} when the drop sets none
	 */
	public Instant accountsCreatedBefore(Timeline timeline) {
		return this.createdBeforeAnnouncement ? timeline.announceAt() : this.createdBefore;
	}

	/**
	 * Tells which requirement an account misses, the first one found.
	 * @param timeline the drop's timeline
	 * @param accountCreatedAt when the account was created
	 * @param emailConfirmed whether its e-mail address is confirmed
	 * @param bought whether the fan holds a paid order from {@link #buyersOf()} (ignored
	 * when the drop sets none)
	 * @param now the current time
	 * @return the requirement missed, or {@code null} when the account meets them all
	 */
	public Requirement missedBy(Timeline timeline, Instant accountCreatedAt, boolean emailConfirmed, boolean bought,
			Instant now) {
		if (this.confirmedEmail && !emailConfirmed) {
			return Requirement.CONFIRMED_EMAIL;
		}
		Instant before = accountsCreatedBefore(timeline);
		if (before != null && !accountCreatedAt.isBefore(before)) {
			return this.createdBeforeAnnouncement ? Requirement.CREATED_BEFORE_ANNOUNCEMENT
					: Requirement.CREATED_BEFORE;
		}
		if (this.minAccountAgeDays != null
				&& Duration.between(accountCreatedAt, now).compareTo(Duration.ofDays(this.minAccountAgeDays)) < 0) {
			return Requirement.MIN_ACCOUNT_AGE;
		}
		if (this.buyersOf != null && !bought) {
			return Requirement.BUYER_OF;
		}
		return null;
	}

	/**
	 * Lists what is wrong with the rules, as (field, message key) pairs.
	 * @return the problems, empty when the rules may be saved
	 */
	List<DropRefusedException.Reason> problems() {
		List<DropRefusedException.Reason> problems = new ArrayList<>();
		if (this.createdBefore != null && this.createdBeforeAnnouncement) {
			problems.add(new DropRefusedException.Reason("createdBefore", "fairness.refused.created-before-twice"));
		}
		if (this.minAccountAgeDays != null
				&& (this.minAccountAgeDays < 1 || this.minAccountAgeDays > MAX_ACCOUNT_AGE_DAYS)) {
			problems.add(new DropRefusedException.Reason("minAccountAgeDays", "fairness.refused.min-account-age"));
		}
		return problems;
	}

	FairnessRules truncated() {
		return new FairnessRules(this.capAcrossCards, this.capAcrossAddresses, this.confirmedEmail,
				(this.createdBefore != null) ? this.createdBefore.truncatedTo(ChronoUnit.SECONDS) : null,
				this.createdBeforeAnnouncement, this.minAccountAgeDays, this.buyersOf);
	}

	/**
	 * An account requirement, as a refusal names it.
	 */
	public enum Requirement {

		/** The account's e-mail address must be confirmed. */
		CONFIRMED_EMAIL,

		/** The account must have been created before a moment. */
		CREATED_BEFORE,

		/** The account must have been created before the drop's announcement. */
		CREATED_BEFORE_ANNOUNCEMENT,

		/** The account must be a number of days old. */
		MIN_ACCOUNT_AGE,

		/** The fan must hold a paid order from the drop the rules name. */
		BUYER_OF

	}

}
