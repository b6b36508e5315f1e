package io.microdrops.cadence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuId;
import io.microdrops.catalog.SkuStatus;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.FatigueGuard;
import io.microdrops.shared.Slug;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes, pauses and resumes cadences, lists them for the admin, and expands
 * them into draft drops. Every change is checked as a whole before anything is written: a
 * refused change throws {@link CadenceRefusedException} with every problem found and
 * leaves no row behind. Right after a cadence is created, changed or resumed its drafts
 * are created; a scheduled job keeps every active cadence expanded.
 */
@Service
public class CadenceManagement {

	/** How many next openings a view lists. */
	static final int NEXT_OPENINGS = 3;

	private final Cadences cadences;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final CadenceExpansion expansion;

	private final Clock clock;

	CadenceManagement(Cadences cadences, CommunityManagement communities, CatalogManagement catalog,
			CadenceExpansion expansion, Clock clock) {
		this.cadences = cadences;
		this.communities = communities;
		this.catalog = catalog;
		this.expansion = expansion;
		this.clock = clock;
	}

	/**
	 * Creates an active cadence; its drafts up to the horizon are created once this
	 * transaction commits.
	 * @param command what to create
	 * @return the cadence
	 * @throws CadenceRefusedException when anything is invalid: slug, community,
	 * recurrence, template, SKUs, horizon
	 */
	@Transactional
	public Cadence create(CreateCadence command) {
		List<Problem> problems = new ArrayList<>();
		if (!Slug.isValid(command.slug()) || command.slug().length() > Cadence.MAX_SLUG_LENGTH) {
			problems.add(new Problem("slug", "cadence.slug.invalid", Cadence.MAX_SLUG_LENGTH));
		}
		else if (this.cadences.existsBySlug(command.slug())) {
			problems.add(new Problem("slug", "cadence.slug.taken"));
		}
		Optional<Community> community = (command.community() == null || command.community().isBlank())
				? Optional.empty() : this.communities.find(command.community());
		if (community.isEmpty()) {
			problems.add(new Problem("community", "cadence.community.unknown"));
		}
		Cadence.Schedule schedule = check(command.recurrence(), command.startsOn(), command.template(),
				command.horizonWeeks(), problems);
		if (!problems.isEmpty()) {
			throw new CadenceRefusedException(problems);
		}
		try {
			Cadence cadence = new Cadence(command.slug(), community.get().id(), schedule, this.clock.instant());
			return this.cadences.saveAndFlush(cadence.created());
		}
		catch (DataIntegrityViolationException ex) {
			throw new CadenceRefusedException(List.of(new Problem("slug", "cadence.slug.taken")));
		}
	}

	/**
	 * Changes a cadence; new drafts follow the change once this transaction commits.
	 * Drafts created already stay as they are, and an occurrence date that has a draft
	 * gets no second one.
	 * @param command the change
	 * @return the cadence
	 * @throws CadenceRefusedException when anything is invalid
	 * @throws CadenceNotFoundException when there is no such cadence
	 */
	@Transactional
	public Cadence update(ChangeCadence command) {
		Cadence cadence = require(command.slug());
		List<Problem> problems = new ArrayList<>();
		Cadence.Schedule schedule = check(command.recurrence(), command.startsOn(), command.template(),
				command.horizonWeeks(), problems);
		if (!problems.isEmpty()) {
			throw new CadenceRefusedException(problems);
		}
		cadence.change(schedule);
		return this.cadences.save(cadence);
	}

	/**
	 * Pauses a cadence: it creates no more drafts; those created stay.
	 * @param slug the cadence
	 * @return the cadence
	 */
	@Transactional
	public Cadence pause(String slug) {
		Cadence cadence = require(slug);
		cadence.pause();
		return this.cadences.save(cadence);
	}

	/**
	 * Resumes a paused cadence; its drafts up to the horizon are created once this
	 * transaction commits.
	 * @param slug the cadence
	 * @return the cadence
	 */
	@Transactional
	public Cadence resume(String slug) {
		Cadence cadence = require(slug);
		cadence.resume();
		return this.cadences.save(cadence);
	}

	/**
	 * Lists every cadence by slug, with its next openings and drafts created.
	 * @return the views
	 */
	@Transactional(readOnly = true)
	public List<CadenceView> list() {
		Map<UUID, Long> drafts = this.expansion.draftCounts();
		Instant now = this.clock.instant();
		return this.cadences.findAllByOrderBySlugAsc().stream().map(cadence -> view(cadence, drafts, now)).toList();
	}

	/**
	 * Finds a cadence by slug.
	 * @param slug the slug
	 * @return the view, if any
	 */
	@Transactional(readOnly = true)
	public Optional<CadenceView> find(String slug) {
		return this.cadences.findBySlug(slug)
			.map(cadence -> view(cadence, this.expansion.draftCounts(), this.clock.instant()));
	}

	/**
	 * Finds a cadence by slug or refuses.
	 * @param slug the slug
	 * @return the cadence
	 * @throws CadenceNotFoundException when there is none
	 */
	@Transactional(readOnly = true)
	public Cadence require(String slug) {
		return this.cadences.findBySlug(slug).orElseThrow(() -> new CadenceNotFoundException(slug));
	}

	/**
	 * Creates the missing drafts of one cadence, from now to now + its horizon; a paused
	 * cadence creates none. Not one transaction: each occurrence is claimed and drafted
	 * in its own, so a refused draft or a race lost to another node leaves the others in
	 * place. Never throws for an occurrence whose draft breaks a rule: it is skipped and
	 * logged.
	 * @param slug the cadence
	 * @return what was done
	 * @throws CadenceNotFoundException when there is no such cadence
	 */
	public ExpansionReport expand(String slug) {
		return this.expansion.expand(require(slug));
	}

	/**
	 * Creates the missing drafts of every active cadence, as the scheduled job does.
	 * @return what was done, summed over the cadences
	 */
	public ExpansionReport runNow() {
		ExpansionReport report = ExpansionReport.NONE;
		for (Cadence cadence : this.cadences.findByActiveTrueOrderBySlugAsc()) {
			report = report.plus(this.expansion.expand(cadence));
		}
		return report;
	}

	private Cadence.Schedule check(Recurrence recurrence, LocalDate startsOn, DropTemplate template, int horizonWeeks,
			List<Problem> problems) {
		if (recurrence == null) {
			problems.add(new Problem("frequency", "cadence.frequency.required"));
		}
		else {
			problems.addAll(recurrence.problems());
		}
		if (startsOn == null) {
			problems.add(new Problem("startsOn", "cadence.starts-on.required"));
		}
		if (horizonWeeks < 1 || horizonWeeks > Cadence.MAX_HORIZON_WEEKS) {
			problems.add(new Problem("horizonWeeks", "cadence.horizon.range", 1, Cadence.MAX_HORIZON_WEEKS));
		}
		if (template == null) {
			problems.add(new Problem("titlePattern", "cadence.title.required"));
			return null;
		}
		problems.addAll(template.problems());
		List<CadenceItem> items = new ArrayList<>();
		for (int index = 0; index < template.items().size(); index++) {
			DropTemplate.Item item = template.items().get(index);
			if (item.sku() == null || item.sku().isBlank()) {
				continue;
			}
			Optional<Sku> sku = this.catalog.find(item.sku());
			if (sku.isEmpty()) {
				problems.add(new Problem("items[" + index + "].sku", "cadence.item.sku-unknown", item.sku()));
			}
			else if (sku.get().status() != SkuStatus.ACTIVE) {
				problems.add(new Problem("items[" + index + "].sku", "cadence.item.sku-retired", sku.get().name()));
			}
			else {
				items.add(new CadenceItem(sku.get().id(), item.quantity(), item.perFanLimit()));
			}
		}
		return new Cadence.Schedule(recurrence, startsOn, template, items, horizonWeeks);
	}

	/**
	 * Tells whether a cadence's own drops break its community's fatigue guard (too close
	 * together, or too many in 30 days): its drafts would each need an admin's override
	 * to be scheduled.
	 * @return the first rule broken, empty when none is
	 */
	private static Optional<Problem> fatigue(Recurrence recurrence, LocalDate startsOn, Community community) {
		CommunityDetails limits = community.details();
		ZoneId zone = community.timeZone();
		List<Recurrence.Occurrence> next = recurrence.next(startsOn, zone, startsOn.atStartOfDay(zone).toInstant(),
				limits.maxDropsPer30Days() + 8);
		for (int i = 1; i < next.size(); i++) {
			Instant previous = next.get(i - 1).opensAt().toInstant();
			Instant opens = next.get(i).opensAt().toInstant();
			if (FatigueGuard.tooClose(previous, opens, limits.minGapDays(), zone)) {
				return Optional.of(new Problem("weekdays", "cadence.fatigue.gap",
						java.time.temporal.ChronoUnit.DAYS.between(next.get(i - 1).opensAt(), next.get(i).opensAt()),
						community.name(), limits.minGapDays()));
			}
		}
		for (int i = 0; i < next.size(); i++) {
			Instant windowEnds = next.get(i).opensAt().toInstant().plus(Duration.ofDays(30));
			long inWindow = next.stream()
				.skip(i)
				.filter(occurrence -> occurrence.opensAt().toInstant().isBefore(windowEnds))
				.count();
			if (inWindow > limits.maxDropsPer30Days()) {
				return Optional.of(new Problem("weekdays", "cadence.fatigue.too-many", inWindow, community.name(),
						limits.maxDropsPer30Days()));
			}
		}
		return Optional.empty();
	}

	private CadenceView view(Cadence cadence, Map<UUID, Long> drafts, Instant now) {
		Community community = this.communities.find(cadence.community()).orElse(null);
		Map<SkuId, Sku> skus = this.catalog.findAll(cadence.items().stream().map(CadenceItem::sku).toList())
			.stream()
			.collect(Collectors.toMap(Sku::id, Function.identity()));
		List<CadenceView.Item> items = cadence.items().stream().map(item -> {
			Sku sku = skus.get(item.sku());
			return new CadenceView.Item((sku != null) ? sku.slug() : null, (sku != null) ? sku.name() : null,
					item.quantity(), item.perFanLimit());
		}).toList();
		if (community == null) {
			return new CadenceView(cadence, null, null, null, items, List.of(),
					drafts.getOrDefault(cadence.id().value(), 0L), null);
		}
		List<Recurrence.Occurrence> next = cadence.recurrence()
			.next(cadence.startsOn(), community.timeZone(), now, NEXT_OPENINGS);
		return new CadenceView(cadence, community.slug(), community.name(), community.timeZone(), items, next,
				drafts.getOrDefault(cadence.id().value(), 0L),
				fatigue(cadence.recurrence(), cadence.startsOn(), community).orElse(null));
	}

}
