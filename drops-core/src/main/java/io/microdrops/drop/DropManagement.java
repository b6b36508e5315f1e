package io.microdrops.drop;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuId;
import io.microdrops.catalog.SkuStatus;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.shared.Slug;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans drops and moves them through their life: create a draft, revise it, schedule it
 * (past the fatigue guard), unschedule it before it opens, close it early. Also answers
 * what a drop looks like right now, for pages and the API.
 */
@Service
public class DropManagement {

	private final Drops drops;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final DropStock stock;

	private final Clock clock;

	DropManagement(Drops drops, CommunityManagement communities, CatalogManagement catalog, DropStock stock,
			Clock clock) {
		this.drops = drops;
		this.communities = communities;
		this.catalog = catalog;
		this.stock = stock;
		this.clock = clock;
	}

	/**
	 * Creates a draft drop.
	 * @param slug its address name
	 * @param plan what it is
	 * @return the draft
	 * @throws DropRefusedException when the plan breaks a rule or the slug is taken
	 */
	@Transactional
	public Drop createDraft(String slug, DropPlan plan) {
		checkNew(slug, plan);
		try {
			return this.drops.saveAndFlush(new Drop(slug, plan, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw slugTaken();
		}
	}

	/**
	 * Creates a draft with its waiting room, in one transaction: both are saved, or
	 * neither when either is refused.
	 * @param slug the draft's slug
	 * @param plan what it is
	 * @param waitingRoom its waiting room
	 * @return the draft
	 * @throws DropRefusedException when the plan breaks a rule, the slug is taken or the
	 * waiting room is refused
	 */
	@Transactional
	public Drop createDraft(String slug, DropPlan plan, WaitingRoomSettings waitingRoom) {
		createDraft(slug, plan);
		return configureWaitingRoom(slug, waitingRoom);
	}

	/**
	 * Creates the draft for one occurrence of a cadence, unless that occurrence has one
	 * already; a unique index on (cadence, occurrence) makes this exactly once, also when
	 * two nodes race.
	 * @param slug the draft's slug
	 * @param plan what it is
	 * @param cadenceId the cadence
	 * @param occurrence the occurrence's start, which identifies it within the cadence
	 * @return {@code true} if the draft was created now
	 */
	@Transactional
	public boolean createCadenceDraft(String slug, DropPlan plan, UUID cadenceId, Instant occurrence) {
		if (this.drops.existsByCadenceIdAndCadenceOccurrence(cadenceId, occurrence)) {
			return false;
		}
		checkNew(slug, plan);
		this.drops.saveAndFlush(new Drop(slug, plan, this.clock.instant(), cadenceId, occurrence));
		return true;
	}

	/**
	 * Replaces a drop's plan: any change while a draft, and before it opens once
	 * scheduled.
	 * @param slug the drop
	 * @param plan the new plan
	 * @return the drop
	 */
	@Transactional
	public Drop revise(String slug, DropPlan plan) {
		Drop drop = require(slug);
		Map<SkuId, Sku> skus = checkSkus(plan.items().stream().map(NewDropItem::sku).toList(), false);
		checkEditionSizes(plan.items(), skus);
		drop.revise(plan, this.clock.instant());
		if (drop.isScheduled()) {
			checkEditionsFree(drop, skus);
			// A scheduled drop keeps obeying the guard when its opening moves.
			List<FatigueGuard.Warning> warnings = fatigueWarnings(drop);
			if (!warnings.isEmpty() && drop.fatigueOverrideReason() == null) {
				throw fatigueRefusal(warnings);
			}
		}
		return this.drops.saveAndFlush(drop);
	}

	/**
	 * Replaces a drop's plan and sets its waiting room, in one transaction: both are
	 * saved, or neither when either is refused (a plan turned into a draw with the
	 * waiting room left on, say).
	 * @param slug the drop
	 * @param plan the new plan
	 * @param waitingRoom the waiting room
	 * @return the drop
	 * @throws DropRefusedException when the plan or the waiting room is refused
	 */
	@Transactional
	public Drop revise(String slug, DropPlan plan, WaitingRoomSettings waitingRoom) {
		revise(slug, plan);
		return configureWaitingRoom(slug, waitingRoom);
	}

	/**
	 * Replaces a drop's fairness rules: any change while a draft, and before units may be
	 * claimed once scheduled.
	 * @param slug the drop
	 * @param rules the new rules
	 * @return the drop
	 * @throws DropRefusedException when the rules are invalid (a drop for the buyers of
	 * itself, or of a drop that is not a scheduled drop of the same community opening
	 * before it) or the drop opened
	 */
	@Transactional
	public Drop changeFairness(String slug, FairnessRules rules) {
		Drop drop = require(slug);
		if (rules.buyersOf() != null && !rules.buyersOf().equals(drop.id())) {
			// An earlier drop of the same community, fans may see: its buyers are known.
			if (buyersOfChoices(drop).stream().noneMatch(source -> source.id().equals(rules.buyersOf()))) {
				throw new DropRefusedException(
						List.of(new DropRefusedException.Reason("buyersOf", "fairness.refused.buyers-of-unknown")));
			}
		}
		drop.changeFairness(rules, this.clock.instant());
		if (drop.isScheduled()) {
			// Its units are renumbered unless some are claimed.
			checkEditionsFree(drop, skusOf(drop.items().stream().map(DropItem::sku).toList()));
		}
		return this.drops.saveAndFlush(drop);
	}

	/**
	 * Sets a drop's waiting room: on or off before its first sales, the admission rate at
	 * any time while it is on.
	 * @param slug the drop
	 * @param settings the waiting room
	 * @return the drop
	 * @throws DropRefusedException for a rate out of range, a draw, or turning it on or
	 * off after sales started
	 */
	@Transactional
	public Drop configureWaitingRoom(String slug, WaitingRoomSettings settings) {
		Drop drop = require(slug);
		drop.configureWaitingRoom(settings, this.clock.instant());
		return this.drops.saveAndFlush(drop);
	}

	/**
	 * Schedules a draft: from now on it follows its timeline. Refused when the draft is
	 * incomplete or uses a retired SKU, and when it breaks the community's fatigue guard
	 * unless an admin overrides it with a reason, which is recorded.
	 * @param slug the drop
	 * @param by who schedules it
	 * @param overrideReason an admin's reason to schedule despite the fatigue guard, or
	 * {@code null}
	 * @return the drop
	 */
	@Transactional
	public Drop schedule(String slug, Scheduler by, String overrideReason) {
		Drop drop = require(slug);
		if (drop.items().isEmpty()) {
			// Before the fatigue guard, whose refusal (or override) would hide this one.
			throw new DropRefusedException("drop.refused.no-items");
		}
		checkEditionsFree(drop, checkSkus(drop.items().stream().map(DropItem::sku).toList(), true));
		List<FatigueGuard.Warning> warnings = fatigueWarnings(drop);
		if (!warnings.isEmpty()) {
			boolean overridden = by.admin() && overrideReason != null && !overrideReason.isBlank();
			if (!overridden) {
				throw fatigueRefusal(warnings);
			}
			drop.overrideFatigueGuard(by.account(), overrideReason.strip());
		}
		drop.schedule(this.clock.instant());
		return this.drops.saveAndFlush(drop);
	}

	/**
	 * Takes a scheduled drop back to draft, before it opens.
	 * @param slug the drop
	 * @return the drop
	 */
	@Transactional
	public Drop unschedule(String slug) {
		Drop drop = require(slug);
		drop.unschedule(this.clock.instant());
		return this.drops.saveAndFlush(drop);
	}

	/**
	 * Closes an open drop now.
	 * @param slug the drop
	 * @return the drop
	 */
	@Transactional
	public Drop closeEarly(String slug) {
		Drop drop = require(slug);
		drop.closeEarly(this.clock.instant());
		return this.drops.saveAndFlush(drop);
	}

	/**
	 * Records how a drop's pre-order validation ended, once its deadline passed: a
	 * confirmed drop may start selling, a voided one closes at once. Refused when the
	 * drop has no threshold, is settled already, or its pre-orders are still open; two
	 * callers racing cannot both record an outcome (the drop's version decides).
	 * @param slug the drop
	 * @param outcome the outcome
	 * @return the drop
	 */
	@Transactional
	public Drop settlePreorders(String slug, PreorderOutcome outcome) {
		Drop drop = require(slug);
		drop.settlePreorders(outcome, this.clock.instant());
		return this.drops.saveAndFlush(drop);
	}

	/**
	 * Lists the scheduled drops whose pre-order deadline passed with no outcome recorded,
	 * for the pre-order settlement.
	 * @return their slugs, soonest opening first
	 */
	@Transactional(readOnly = true)
	public List<String> awaitingPreorderOutcome() {
		return this.drops.findAwaitingPreorderOutcome(this.clock.instant()).stream().map(Drop::slug).toList();
	}

	/**
	 * Finds a drop by slug.
	 * @param slug the slug
	 * @return the drop, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Drop> find(String slug) {
		return this.drops.findBySlug(slug);
	}

	/**
	 * Lists the drops whose buyers alone a drop may be for: the scheduled drops of its
	 * community that open before it, newest first.
	 * @param drop the drop
	 * @return the drops it may name in its fairness rules
	 */
	@Transactional(readOnly = true)
	public List<Drop> buyersOfChoices(Drop drop) {
		return this.drops.findOtherScheduled(drop.community().value(), drop.id().value())
			.stream()
			.filter(source -> source.timeline().opensAt().isBefore(drop.timeline().opensAt()))
			.sorted(Comparator.comparing((Drop source) -> source.timeline().opensAt()).reversed())
			.toList();
	}

	/**
	 * Finds a drop by id.
	 * @param id the drop's id
	 * @return the drop, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Drop> find(DropId id) {
		return this.drops.findById(id.value());
	}

	/**
	 * Finds a drop by slug or refuses.
	 * @param slug the slug
	 * @return the drop
	 * @throws DropNotFoundException when there is none
	 */
	@Transactional(readOnly = true)
	public Drop require(String slug) {
		return this.drops.findBySlug(slug).orElseThrow(() -> new DropNotFoundException(slug));
	}

	/**
	 * Describes a drop as it is right now: state, items with their SKU and real remaining
	 * stock.
	 * @param slug the drop
	 * @return the view
	 */
	@Transactional(readOnly = true)
	public DropView view(String slug) {
		return view(require(slug), this.clock.instant());
	}

	/**
	 * Describes a drop as it is right now, if fans may see it.
	 * @param slug the drop
	 * @return the view, empty for unknown drops and drops not announced yet
	 */
	@Transactional(readOnly = true)
	public Optional<DropView> publicView(String slug) {
		Instant now = this.clock.instant();
		return this.drops.findBySlug(slug).map(drop -> view(drop, now)).filter(view -> view.state().isPublic());
	}

	/**
	 * Lists the drops fans may see (announced or later), by opening time.
	 * @return the views
	 */
	@Transactional(readOnly = true)
	public List<DropView> publicDrops() {
		Instant now = this.clock.instant();
		return views(this.drops.findAnnouncedBy(now), now);
	}

	/**
	 * Lists every drop, newest opening first, for the admin.
	 * @return the views
	 */
	@Transactional(readOnly = true)
	public List<DropView> allDrops() {
		return views(this.drops.findAllByOrderByOpensAtDesc(), this.clock.instant());
	}

	/**
	 * Tells the time zone each drop's community plans in, for showing moments of those
	 * drops (an order's time, say) as the drop's own page does.
	 * @param slugs the drops
	 * @return the time zones by drop slug; unknown drops are missing
	 */
	@Transactional(readOnly = true)
	public Map<String, ZoneId> timeZonesOf(Collection<String> slugs) {
		Map<String, ZoneId> zones = new HashMap<>();
		for (String slug : new HashSet<>(slugs)) {
			this.drops.findBySlug(slug)
				.flatMap(drop -> this.communities.find(drop.community()))
				.ifPresent(community -> zones.put(slug, community.timeZone()));
		}
		return zones;
	}

	/**
	 * Lists the drops opening in a period, drafts included, with clashes and fatigue
	 * warnings, for the calendar.
	 * @param from the period's start
	 * @param to the period's end (exclusive)
	 * @param community only this community's drops, or {@code null} for all
	 * @return the entries by opening time
	 */
	@Transactional(readOnly = true)
	public List<CalendarEntry> calendar(Instant from, Instant to, CommunityId community) {
		Instant now = this.clock.instant();
		List<Drop> opening = this.drops.findOpeningBetween(from, to)
			.stream()
			.filter(drop -> community == null || drop.community().equals(community))
			.toList();
		List<CalendarEntry> entries = new ArrayList<>();
		for (Drop drop : opening) {
			List<String> clashes = opening.stream()
				.filter(other -> other != drop && other.community().equals(drop.community())
						&& other.timeline().opensAt().isBefore(drop.timeline().closesAt())
						&& drop.timeline().opensAt().isBefore(other.timeline().closesAt()))
				.map(Drop::title)
				.toList();
			entries.add(new CalendarEntry(view(drop, now), clashes, fatigueWarnings(drop)));
		}
		return entries;
	}

	/**
	 * Checks a drop against its community's fatigue guard and the other scheduled drops.
	 * @param drop the drop
	 * @return the broken rules; empty when fine
	 */
	@Transactional(readOnly = true)
	public List<FatigueGuard.Warning> fatigueWarnings(Drop drop) {
		Community community = this.communities.find(drop.community())
			.orElseThrow(() -> new IllegalStateException("Drop without community: " + drop.slug()));
		CommunityDetails limits = community.details();
		List<FatigueGuard.Opening> others = this.drops.findOtherScheduled(drop.community().value(), drop.id().value())
			.stream()
			.filter(other -> other.closedEarlyAt() == null)
			.map(other -> new FatigueGuard.Opening(other.slug(), other.title(), other.timeline().opensAt()))
			.toList();
		return FatigueGuard.check(limits.minGapDays(), limits.maxDropsPer30Days(), drop.timeline().opensAt(), others,
				community.timeZone());
	}

	private List<DropView> views(List<Drop> drops, Instant now) {
		return drops.stream().map(drop -> view(drop, now)).toList();
	}

	private DropView view(Drop drop, Instant now) {
		Map<SkuId, Sku> skus = skusOf(drop.items().stream().map(DropItem::sku).toList());
		List<DropView.Item> items = drop.items()
			.stream()
			.map(item -> new DropView.Item(item, skus.get(item.sku()), this.stock.remaining(item)))
			.toList();
		DropState state = drop.stateAt(now);
		boolean open = state == DropState.LIVE || state == DropState.EARLY_ACCESS;
		if (open && !items.isEmpty() && items.stream().allMatch(item -> item.remaining() == 0)) {
			state = DropState.SOLD_OUT;
		}
		Community community = this.communities.find(drop.community()).orElseThrow();
		return new DropView(drop, state, community.slug(), community.name(), community.timeZone(), items);
	}

	private void checkNew(String slug, DropPlan plan) {
		if (!Slug.isValid(slug)) {
			throw new DropRefusedException(List.of(new DropRefusedException.Reason("slug", "drop.refused.slug")));
		}
		if (this.drops.existsBySlug(slug)) {
			throw slugTaken();
		}
		if (this.communities.find(plan.community()).isEmpty()) {
			throw new DropRefusedException(
					List.of(new DropRefusedException.Reason("community", "drop.refused.unknown-community")));
		}
		checkEditionSizes(plan.items(), checkSkus(plan.items().stream().map(NewDropItem::sku).toList(), false));
	}

	private static void checkEditionSizes(Collection<NewDropItem> items, Map<SkuId, Sku> skus) {
		for (NewDropItem item : items) {
			Sku sku = skus.get(item.sku());
			if (sku != null && sku.editionSize() != null && item.quantity() > sku.editionSize()) {
				throw new DropRefusedException(List.of(new DropRefusedException.Reason("items",
						"drop.refused.over-edition", sku.name(), sku.editionSize())));
			}
		}
	}

	/**
	 * Refuses a drop releasing more units of a numbered run than the run has numbers
	 * left: sold, held, or released by a drop that has not closed. Locks the SKUs'
	 * numbering until the drop's units are numbered in this transaction.
	 */
	private void checkEditionsFree(Drop drop, Map<SkuId, Sku> skus) {
		Map<SkuId, Integer> frees = this.stock.editionsFree(skus.keySet(), drop.id());
		List<DropRefusedException.Reason> reasons = new ArrayList<>();
		for (DropItem item : drop.items()) {
			int free = frees.get(item.sku());
			if (free < item.quantity()) {
				Sku sku = skus.get(item.sku());
				reasons.add(new DropRefusedException.Reason("items", "drop.refused.editions-left", sku.name(), free,
						sku.editionSize()));
			}
		}
		if (!reasons.isEmpty()) {
			throw new DropRefusedException(reasons);
		}
	}

	private Map<SkuId, Sku> skusOf(Collection<SkuId> ids) {
		return this.catalog.findAll(ids).stream().collect(Collectors.toMap(Sku::id, Function.identity()));
	}

	/**
	 * Refuses unknown SKUs, and retired ones where they must be active.
	 * @return the SKUs by id
	 */
	private Map<SkuId, Sku> checkSkus(Collection<SkuId> ids, boolean mustBeActive) {
		Map<SkuId, Sku> found = skusOf(ids);
		if (found.size() != ids.stream().distinct().count()) {
			throw new DropRefusedException(
					List.of(new DropRefusedException.Reason("items", "drop.refused.unknown-sku")));
		}
		if (mustBeActive) {
			for (Sku sku : found.values()) {
				if (sku.status() != SkuStatus.ACTIVE) {
					throw new DropRefusedException(
							List.of(new DropRefusedException.Reason("items", "drop.refused.retired-sku", sku.name())));
				}
			}
		}
		return found;
	}

	private static DropRefusedException slugTaken() {
		return new DropRefusedException(List.of(new DropRefusedException.Reason("slug", "drop.refused.slug-taken")));
	}

	private static DropRefusedException fatigueRefusal(List<FatigueGuard.Warning> warnings) {
		return new DropRefusedException(warnings.stream()
			.map(warning -> new DropRefusedException.Reason(null, warning.messageKey(),
					(warning.otherTitle() != null) ? warning.otherTitle() : warning.limit(), warning.limit()))
			.toList());
	}

	/**
	 * Who schedules a drop.
	 *
	 * @param account the account
	 * @param admin whether they hold the ADMIN role, which may override the fatigue guard
	 */
	public record Scheduler(AccountId account, boolean admin) {
	}

	/**
	 * A drop on the calendar.
	 *
	 * @param drop the drop as it is now
	 * @param clashesWith titles of the community's other drops whose open windows overlap
	 * @param fatigueWarnings the fatigue rules the drop breaks
	 */
	public record CalendarEntry(DropView drop, List<String> clashesWith, List<FatigueGuard.Warning> fatigueWarnings) {
	}

}
