package io.microdrops.drop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.community.CommunityId;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * A release of one or more SKUs to a community on a timeline. A merchandiser plans it as
 * a draft and schedules it; from then on its public state follows from the clock and the
 * stock. Transitions refuse what the rules forbid: scheduling an incomplete draft,
 * unscheduling or changing quantities after the drop opened.
 */
@Entity
@Table(name = "drops")
public class Drop extends AbstractAggregateRoot<Drop> {

	@Id
	private UUID id;

	@Column(nullable = false, unique = true, updatable = false)
	private String slug;

	@Column(nullable = false)
	private String title;

	@Column(name = "community_id", nullable = false)
	private UUID communityId;

	@Enumerated(EnumType.STRING)
	@Column(name = "access_mode", nullable = false)
	private AccessMode accessMode;

	@Column(name = "announce_at", nullable = false)
	private Instant announceAt;

	@Column(name = "early_access_at")
	private Instant earlyAccessAt;

	@Column(name = "opens_at", nullable = false)
	private Instant opensAt;

	@Column(name = "closes_at", nullable = false)
	private Instant closesAt;

	@Column(name = "hold_minutes", nullable = false)
	private int holdMinutes;

	@Column(name = "preorder_threshold")
	private Integer preorderThreshold;

	@Column(name = "preorder_deadline")
	private Instant preorderDeadline;

	@Enumerated(EnumType.STRING)
	@Column(name = "preorder_outcome")
	private PreorderOutcome preorderOutcome;

	@Column(nullable = false)
	private boolean scheduled;

	@Column(name = "closed_early_at")
	private Instant closedEarlyAt;

	@Column(name = "cadence_id", updatable = false)
	private UUID cadenceId;

	@Column(name = "cadence_occurrence", updatable = false)
	private Instant cadenceOccurrence;

	@Column(name = "fatigue_override_by")
	private UUID fatigueOverrideBy;

	@Column(name = "fatigue_override_reason")
	private String fatigueOverrideReason;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "cap_across_cards", nullable = false)
	private boolean capAcrossCards;

	@Column(name = "cap_across_addresses", nullable = false)
	private boolean capAcrossAddresses;

	@Column(name = "require_confirmed_email", nullable = false)
	private boolean requireConfirmedEmail;

	@Column(name = "accounts_created_before")
	private Instant accountsCreatedBefore;

	@Column(name = "accounts_created_before_announcement", nullable = false)
	private boolean accountsCreatedBeforeAnnouncement;

	@Column(name = "min_account_age_days")
	private Integer minAccountAgeDays;

	@Column(name = "buyers_of_drop_id")
	private UUID buyersOfDropId;

	@Column(name = "waiting_room", nullable = false)
	private boolean waitingRoom;

	@Column(name = "admissions_per_minute")
	private Integer admissionsPerMinute;

	@OneToMany(mappedBy = "drop", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
	@OrderBy("position")
	private List<DropItem> items = new ArrayList<>();

	@Version
	private long version;

	protected Drop() {
	}

	Drop(String slug, DropPlan plan, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.slug = slug;
		this.createdAt = createdAt;
		this.scheduled = false;
		apply(plan);
	}

	Drop(String slug, DropPlan plan, Instant createdAt, UUID cadenceId, Instant cadenceOccurrence) {
		this(slug, plan, createdAt);
		this.cadenceId = cadenceId;
		this.cadenceOccurrence = cadenceOccurrence;
	}

	/**
	 * Replaces the plan. A draft takes any change; a scheduled drop only before it opens.
	 * @param plan the new plan
	 * @param now the current time
	 */
	void revise(DropPlan plan, Instant now) {
		// Waitlist members may claim units from early access on: from then the plan is
		// fixed.
		Instant firstSales = (this.earlyAccessAt != null) ? this.earlyAccessAt : this.opensAt;
		if (this.scheduled && !now.isBefore(firstSales)) {
			throw new DropRefusedException("drop.refused.changed-after-open");
		}
		boolean preordersClosed = this.scheduled && this.preorderThreshold != null && !now.isBefore(preorderDeadline());
		if (this.preorderOutcome != null || preordersClosed) {
			// The pre-orders are settled, or being settled, against this plan.
			throw new DropRefusedException("drop.refused.preorders-settled");
		}
		if (!plan.community().value().equals(this.communityId)) {
			throw new DropRefusedException("drop.refused.community-changed");
		}
		apply(plan);
		if (this.scheduled) {
			registerEvent(new DropRevised(id(), this.slug));
		}
	}

	/**
	 * Replaces the fairness rules. As the plan, they are fixed once units may be claimed:
	 * fans must know them before they try.
	 * @param rules the new rules
	 * @param now the current time
	 */
	void changeFairness(FairnessRules rules, Instant now) {
		Instant firstSales = (this.earlyAccessAt != null) ? this.earlyAccessAt : this.opensAt;
		if (this.scheduled && !now.isBefore(firstSales)) {
			throw new DropRefusedException("drop.refused.changed-after-open");
		}
		List<DropRefusedException.Reason> problems = new ArrayList<>(rules.problems());
		if (rules.buyersOf() != null && rules.buyersOf().value().equals(this.id)) {
			problems.add(new DropRefusedException.Reason("buyersOf", "fairness.refused.buyers-of-itself"));
		}
		if (!problems.isEmpty()) {
			throw new DropRefusedException(problems);
		}
		FairnessRules kept = rules.truncated();
		this.capAcrossCards = kept.capAcrossCards();
		this.capAcrossAddresses = kept.capAcrossAddresses();
		this.requireConfirmedEmail = kept.confirmedEmail();
		this.accountsCreatedBefore = kept.createdBefore();
		this.accountsCreatedBeforeAnnouncement = kept.createdBeforeAnnouncement();
		this.minAccountAgeDays = kept.minAccountAgeDays();
		this.buyersOfDropId = (kept.buyersOf() != null) ? kept.buyersOf().value() : null;
		if (this.scheduled) {
			registerEvent(new DropRevised(id(), this.slug));
		}
	}

	/**
	 * Schedules a complete, valid draft.
	 * @param now the current time
	 */
	void schedule(Instant now) {
		if (this.scheduled) {
			throw new DropRefusedException("drop.refused.already-scheduled");
		}
		if (this.items.isEmpty()) {
			throw new DropRefusedException("drop.refused.no-items");
		}
		if (!now.isBefore(this.closesAt)) {
			throw new DropRefusedException("drop.refused.closes-in-past");
		}
		this.scheduled = true;
		registerEvent(new DropScheduled(id(), community(), this.slug, this.announceAt, this.opensAt));
	}

	/**
	 * Records that an admin scheduled the drop despite the fatigue guard.
	 * @param admin who overrode it
	 * @param reason why
	 */
	void overrideFatigueGuard(AccountId admin, String reason) {
		this.fatigueOverrideBy = admin.value();
		this.fatigueOverrideReason = reason;
	}

	/**
	 * Takes a scheduled drop back to draft, before it opens.
	 * @param now the current time
	 */
	void unschedule(Instant now) {
		if (!this.scheduled) {
			throw new DropRefusedException("drop.refused.not-scheduled");
		}
		if (!now.isBefore(this.opensAt)) {
			throw new DropRefusedException("drop.refused.unschedule-after-open");
		}
		if (this.preorderOutcome != null || (this.preorderThreshold != null && !now.isBefore(preorderDeadline()))) {
			throw new DropRefusedException("drop.refused.preorders-settled");
		}
		this.scheduled = false;
		this.fatigueOverrideBy = null;
		this.fatigueOverrideReason = null;
		registerEvent(new DropUnscheduled(id(), this.slug));
	}

	/**
	 * Closes an open drop before its closing time.
	 * @param now the current time
	 */
	void closeEarly(Instant now) {
		DropState state = stateAt(now);
		if (state != DropState.LIVE && state != DropState.EARLY_ACCESS && state != DropState.SOLD_OUT) {
			throw new DropRefusedException("drop.refused.close-not-open");
		}
		// To the second, as every moment of the timeline.
		this.closedEarlyAt = now.truncatedTo(ChronoUnit.SECONDS);
		registerEvent(new DropClosedEarly(id(), this.slug, this.closedEarlyAt));
	}

	/**
	 * Records how the pre-order validation ended, once its deadline passed. A voided
	 * validation closes the drop at once: nothing was produced, so nothing goes on sale.
	 * @param outcome the outcome
	 * @param now the current time
	 */
	void settlePreorders(PreorderOutcome outcome, Instant now) {
		if (!this.scheduled || this.preorderThreshold == null) {
			throw new DropRefusedException("drop.refused.no-preorders");
		}
		if (this.preorderOutcome != null) {
			throw new DropRefusedException("drop.refused.preorders-settled");
		}
		if (now.isBefore(preorderDeadline())) {
			throw new DropRefusedException("drop.refused.preorders-still-open");
		}
		this.preorderOutcome = outcome;
		registerEvent(new DropPreordersSettled(id(), this.slug, outcome));
		if (outcome == PreorderOutcome.VOIDED && this.closedEarlyAt == null && now.isBefore(this.closesAt)) {
			this.closedEarlyAt = now.truncatedTo(ChronoUnit.SECONDS);
			registerEvent(new DropClosedEarly(id(), this.slug, this.closedEarlyAt));
		}
	}

	/**
	 * Checks a pre-order deadline against the rest of the plan: it needs a threshold, and
	 * falls after the announcement (fans need time to pre-order) and no later than the
	 * first sales, since pre-orders take their units before anyone may buy.
	 */
	private static Optional<String> preorderDeadlineProblem(Timeline timeline, Integer threshold, Instant deadline) {
		if (deadline == null) {
			return Optional.empty();
		}
		if (threshold == null) {
			return Optional.of("drop.refused.preorder-deadline-without-threshold");
		}
		if (!deadline.isAfter(timeline.announceAt())) {
			return Optional.of("drop.refused.preorder-deadline-before-announce");
		}
		if (deadline.isAfter(firstSales(timeline))) {
			return Optional.of("drop.refused.preorder-deadline-after-sales");
		}
		return Optional.empty();
	}

	private static Instant firstSales(Timeline timeline) {
		return (timeline.earlyAccessAt() != null) ? timeline.earlyAccessAt() : timeline.opensAt();
	}

	private void apply(DropPlan plan) {
		List<Timeline.Problem> problems = plan.timeline().problems();
		if (!problems.isEmpty()) {
			throw new DropRefusedException(problems.stream()
				.map(problem -> new DropRefusedException.Reason(problem.field(), problem.messageKey()))
				.toList());
		}
		if (plan.holdMinutes() < 1 || plan.holdMinutes() > 60) {
			throw new DropRefusedException(
					List.of(new DropRefusedException.Reason("holdMinutes", "drop.refused.hold-minutes")));
		}
		if (plan.preorderThreshold() != null && plan.preorderThreshold() < 1) {
			throw new DropRefusedException(
					List.of(new DropRefusedException.Reason("preorderThreshold", "drop.refused.preorder-threshold")));
		}
		if (plan.preorderThreshold() != null && !plan.items().isEmpty()
				&& plan.preorderThreshold() > plan.items().stream().mapToLong(NewDropItem::quantity).sum()) {
			// Pre-orders never exceed the units released: such a threshold could not be
			// reached.
			throw new DropRefusedException(List.of(new DropRefusedException.Reason("preorderThreshold",
					"drop.refused.preorder-threshold-over-units")));
		}
		Instant deadline = (plan.preorderDeadline() != null) ? plan.preorderDeadline().truncatedTo(ChronoUnit.SECONDS)
				: null;
		preorderDeadlineProblem(plan.timeline(), plan.preorderThreshold(), deadline).ifPresent(key -> {
			throw new DropRefusedException(List.of(new DropRefusedException.Reason("preorderDeadline", key)));
		});
		if (plan.items().stream().map(NewDropItem::sku).distinct().count() != plan.items().size()) {
			throw new DropRefusedException(List.of(new DropRefusedException.Reason("items", "drop.refused.sku-twice")));
		}
		for (NewDropItem item : plan.items()) {
			if (item.quantity() < 1 || item.perFanLimit() < 1) {
				throw new DropRefusedException(
						List.of(new DropRefusedException.Reason("items", "drop.refused.item-numbers")));
			}
			if (item.perFanLimit() > item.quantity()) {
				throw new DropRefusedException(
						List.of(new DropRefusedException.Reason("items", "drop.refused.limit-over-quantity")));
			}
		}
		this.title = plan.title().strip();
		this.communityId = plan.community().value();
		this.accessMode = plan.accessMode();
		if (this.accessMode == AccessMode.DRAW) {
			// The draw decides who may buy; there is nobody to queue.
			this.waitingRoom = false;
			this.admissionsPerMinute = null;
		}
		this.announceAt = plan.timeline().announceAt();
		this.earlyAccessAt = plan.timeline().earlyAccessAt();
		this.opensAt = plan.timeline().opensAt();
		this.closesAt = plan.timeline().closesAt();
		this.holdMinutes = plan.holdMinutes();
		this.preorderThreshold = plan.preorderThreshold();
		this.preorderDeadline = deadline;
		// Items are changed in place, by SKU: the database sees updates, not a delete and
		// re-insert of the same SKU (which its uniqueness rule would refuse mid-flush).
		this.items.removeIf(existing -> plan.items().stream().noneMatch(item -> item.sku().equals(existing.sku())));
		for (int position = 0; position < plan.items().size(); position++) {
			NewDropItem item = plan.items().get(position);
			int at = position;
			this.items.stream()
				.filter(existing -> existing.sku().equals(item.sku()))
				.findFirst()
				.ifPresentOrElse(existing -> existing.change(item, at),
						() -> this.items.add(new DropItem(this, item, at)));
		}
		this.items.sort(Comparator.comparingInt(DropItem::position));
	}

	/**
	 * Sets the waiting room: any change while a draft or before the first sales; once
	 * sales started only the rate of a waiting room that is on may change (fans queue
	 * under its rules). A draw decides who buys by itself and takes no waiting room.
	 * @param settings the waiting room
	 * @param now the current time
	 */
	void configureWaitingRoom(WaitingRoomSettings settings, Instant now) {
		Integer rate = settings.on() ? settings.fansPerMinute() : null;
		if (rate != null && (rate < 1 || rate > WaitingRoomSettings.MAX_FANS_PER_MINUTE)) {
			throw new DropRefusedException(
					List.of(new DropRefusedException.Reason("admissionsPerMinute", "drop.refused.admission-rate")));
		}
		if (settings.on() && this.accessMode == AccessMode.DRAW) {
			throw new DropRefusedException(
					List.of(new DropRefusedException.Reason("waitingRoom", "drop.refused.waiting-room-draw")));
		}
		boolean started = this.scheduled && !now.isBefore(firstSales(timeline()));
		if (started && settings.on() != this.waitingRoom) {
			throw new DropRefusedException(
					List.of(new DropRefusedException.Reason("waitingRoom", "drop.refused.waiting-room-after-open")));
		}
		this.waitingRoom = settings.on();
		this.admissionsPerMinute = rate;
	}

	/**
	 * Returns the waiting room's settings.
	 * @return the settings; {@link WaitingRoomSettings#OFF} for a drop without one
	 */
	public WaitingRoomSettings waitingRoom() {
		return this.waitingRoom ? new WaitingRoomSettings(true, this.admissionsPerMinute) : WaitingRoomSettings.OFF;
	}

	/**
	 * Tells whether fans queue in a waiting room before they may reserve.
	 * @return {@code true} when the merchandiser turned it on
	 */
	public boolean hasWaitingRoom() {
		return this.waitingRoom;
	}

	/**
	 * Returns the moment sales start: early access, or the opening without one.
	 * @return the moment
	 */
	public Instant firstSalesAt() {
		return firstSales(timeline());
	}

	/**
	 * Returns the state at a moment: DRAFT until scheduled, then from the timeline.
	 * @param now the moment
	 * @return the state, SOLD_OUT aside (that needs the stock, see
	 * {@link DropManagement})
	 */
	public DropState stateAt(Instant now) {
		if (!this.scheduled) {
			return DropState.DRAFT;
		}
		if (this.closedEarlyAt != null && !now.isBefore(this.closedEarlyAt)) {
			return DropState.CLOSED;
		}
		return timeline().stateAt(now);
	}

	/**
	 * Returns the id.
	 * @return the id
	 */
	public DropId id() {
		return new DropId(this.id);
	}

	/**
	 * Returns the slug.
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * Returns the title.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Returns the community.
	 * @return the community's id
	 */
	public CommunityId community() {
		return new CommunityId(this.communityId);
	}

	/**
	 * Returns the access mode.
	 * @return the access mode
	 */
	public AccessMode accessMode() {
		return this.accessMode;
	}

	/**
	 * Returns the timeline.
	 * @return the timeline
	 */
	public Timeline timeline() {
		return new Timeline(this.announceAt, this.earlyAccessAt, this.opensAt, this.closesAt);
	}

	/**
	 * Returns how long a reservation holds units.
	 * @return minutes
	 */
	public int holdMinutes() {
		return this.holdMinutes;
	}

	/**
	 * Returns the pre-order threshold.
	 * @return units, or {@code null} when the drop has no pre-order validation
	 */
	public Integer preorderThreshold() {
		return this.preorderThreshold;
	}

	/**
	 * Returns when pre-orders close: the deadline the merchandiser set, or else the first
	 * sales moment (early access, or the opening).
	 * @return the moment; meaningful for drops with a pre-order threshold
	 */
	public Instant preorderDeadline() {
		return (this.preorderDeadline != null) ? this.preorderDeadline : firstSales(timeline());
	}

	/**
	 * Returns the pre-order deadline as the merchandiser set it.
	 * @return the moment, or {@code null} when pre-orders close with the first sales
	 */
	public Instant plannedPreorderDeadline() {
		return this.preorderDeadline;
	}

	/**
	 * Returns how the pre-order validation ended.
	 * @return the outcome, or {@code null} while it runs (or the drop has none)
	 */
	public PreorderOutcome preorderOutcome() {
		return this.preorderOutcome;
	}

	/**
	 * Tells whether the drop's sales must wait for its pre-orders: it has a threshold and
	 * the validation has not ended yet. Pre-orders claim their units first, so nobody may
	 * buy before then.
	 * @return {@code true} while the validation runs
	 */
	public boolean awaitsPreorderOutcome() {
		return this.preorderThreshold != null && this.preorderOutcome == null;
	}

	/**
	 * Tells whether a merchandiser scheduled the drop.
	 * @return {@code true} once scheduled
	 */
	public boolean isScheduled() {
		return this.scheduled;
	}

	/**
	 * Returns when the drop was closed early.
	 * @return the instant, or {@code null}
	 */
	public Instant closedEarlyAt() {
		return this.closedEarlyAt;
	}

	/**
	 * Returns when sales close: the early close when the drop was closed early, else the
	 * timeline's close.
	 * @return the instant
	 */
	public Instant salesCloseAt() {
		Instant closes = timeline().closesAt();
		return (this.closedEarlyAt != null && this.closedEarlyAt.isBefore(closes)) ? this.closedEarlyAt : closes;
	}

	/**
	 * Returns the reason an admin gave for scheduling despite the fatigue guard.
	 * @return the reason, or {@code null} when the guard was not overridden
	 */
	public String fatigueOverrideReason() {
		return this.fatigueOverrideReason;
	}

	/**
	 * Returns the cadence that created this drop.
	 * @return the cadence's id, or {@code null} for a drop planned by hand
	 */
	public UUID cadenceId() {
		return this.cadenceId;
	}

	/**
	 * Returns the fairness rules: identities the per-fan limit spans, account
	 * requirements.
	 * @return the rules, {@link FairnessRules#NONE} when the drop sets none
	 */
	public FairnessRules fairness() {
		return new FairnessRules(this.capAcrossCards, this.capAcrossAddresses, this.requireConfirmedEmail,
				this.accountsCreatedBefore, this.accountsCreatedBeforeAnnouncement, this.minAccountAgeDays,
				(this.buyersOfDropId != null) ? new DropId(this.buyersOfDropId) : null);
	}

	/**
	 * Returns the drop's items in order.
	 * @return the items
	 */
	public List<DropItem> items() {
		return Collections.unmodifiableList(this.items);
	}

	/**
	 * Returns the plan as it stands, to edit it.
	 * @return the plan
	 */
	public DropPlan plan() {
		return new DropPlan(this.title, community(), this.accessMode, timeline(), this.holdMinutes,
				this.preorderThreshold, this.preorderDeadline,
				this.items.stream()
					.map(item -> new NewDropItem(item.sku(), item.quantity(), item.perFanLimit()))
					.toList());
	}

}
