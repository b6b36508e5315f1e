package io.microdrops.cadence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.microdrops.community.Community;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.DropRefusedException;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a cadence's occurrences in its window (now to now + horizon) into draft drops,
 * exactly once each. Each occurrence is claimed and drafted in a transaction of its own,
 * so one refused draft or a lost race leaves the others in place: the claim in
 * {@code cadence_occurrences} is taken first (a second node waits for the first and then
 * finds it), and the drops table's unique (cadence, occurrence) is the backstop.
 */
@Component
class CadenceExpansion {

	private static final Log logger = LogFactory.getLog(CadenceExpansion.class);

	private static final DateTimeFormatter SLUG_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

	private final DropManagement drops;

	private final CommunityManagement communities;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/**
	 * Skipped occurrences already logged by this node, so a run every few minutes does
	 * not repeat them.
	 */
	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	CadenceExpansion(DropManagement drops, CommunityManagement communities, JdbcClient jdbc,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.drops = drops;
		this.communities = communities;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		// A fresh transaction per occurrence, also when called after another one commits.
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	ExpansionReport expand(Cadence cadence) {
		if (!cadence.isActive()) {
			return ExpansionReport.NONE;
		}
		Optional<Community> community = this.communities.find(cadence.community());
		if (community.isEmpty()) {
			logger.warn("Cadence " + cadence.slug() + " has no community any more; no drafts created");
			return ExpansionReport.NONE;
		}
		ZoneId zone = community.get().timeZone();
		Instant now = this.clock.instant();
		Instant until = now.plus(Duration.ofDays(7L * cadence.horizonWeeks()));
		ExpansionReport report = ExpansionReport.NONE;
		for (Recurrence.Occurrence occurrence : cadence.recurrence().between(cadence.startsOn(), zone, now, until)) {
			report = report.plus(expand(cadence, occurrence, now));
		}
		return report;
	}

	private ExpansionReport expand(Cadence cadence, Recurrence.Occurrence occurrence, Instant now) {
		String slug = cadence.slug() + "-" + SLUG_DATE.format(occurrence.date());
		Instant opensAt = occurrence.opensAt().toInstant();
		DropPlan plan = plan(cadence, occurrence);
		if (plan.timeline().announceAt().isBefore(now)) {
			if (!claimed(cadence, occurrence)) {
				skipped(slug, "its announcement (" + cadence.announceLeadHours() + " h before opening at "
						+ occurrence.opensAt() + ") would be in the past");
				return new ExpansionReport(0, 0, 1);
			}
			return new ExpansionReport(0, 1, 0);
		}
		try {
			Boolean created = this.transactions.execute(status -> {
				int claims = this.jdbc.sql("""
						insert into cadence_occurrences (cadence_id, occurs_on, opens_at, drop_slug, created_at)
						values (:cadence, :date, :opensAt, :slug, :now) on conflict do nothing
						""")
					.param("cadence", cadence.id().value())
					.param("date", occurrence.date())
					.param("opensAt", Timestamp.from(opensAt))
					.param("slug", slug)
					.param("now", Timestamp.from(now))
					.update();
				if (claims == 0) {
					return false;
				}
				return this.drops.createCadenceDraft(slug, plan, cadence.id().value(), opensAt);
			});
			if (Boolean.TRUE.equals(created)) {
				logger
					.info("Cadence " + cadence.slug() + " created draft " + slug + " opening " + occurrence.opensAt());
				return new ExpansionReport(1, 0, 0);
			}
			return new ExpansionReport(0, 1, 0);
		}
		catch (DropRefusedException ex) {
			skipped(slug, "the draft breaks a drop rule " + ex.reasons());
			return new ExpansionReport(0, 0, 1);
		}
		catch (DataIntegrityViolationException ex) {
			if (claimed(cadence, occurrence)) {
				// Another node drafted this occurrence between our check and insert.
				return new ExpansionReport(0, 1, 0);
			}
			skipped(slug, "the database refused the draft: " + ex.getMostSpecificCause().getMessage());
			return new ExpansionReport(0, 0, 1);
		}
		catch (RuntimeException ex) {
			logger.error("Cadence draft " + slug + " could not be created; the next run tries again", ex);
			return new ExpansionReport(0, 0, 1);
		}
	}

	private boolean claimed(Cadence cadence, Recurrence.Occurrence occurrence) {
		return this.jdbc.sql("select exists (select 1 from cadence_occurrences where cadence_id = ? and occurs_on = ?)")
			.params(cadence.id().value(), occurrence.date())
			.query(Boolean.class)
			.single();
	}

	private void skipped(String slug, String why) {
		if (this.reported.add(slug + " " + why)) {
			logger.warn("Skipped cadence draft " + slug + ": " + why);
		}
	}

	/**
	 * Counts the drafts each cadence has created.
	 * @return drafts by cadence id
	 */
	Map<UUID, Long> draftCounts() {
		Map<UUID, Long> counts = new ConcurrentHashMap<>();
		this.jdbc.sql("select cadence_id, count(*) as drafts from cadence_occurrences group by cadence_id")
			.query((rs, row) -> counts.put(rs.getObject("cadence_id", UUID.class), rs.getLong("drafts")))
			.list();
		return counts;
	}

	static DropPlan plan(Cadence cadence, Recurrence.Occurrence occurrence) {
		Instant opensAt = occurrence.opensAt().toInstant();
		Instant announceAt = opensAt.minus(Duration.ofHours(cadence.announceLeadHours()));
		Instant earlyAccessAt = (cadence.earlyAccessLeadHours() != null)
				? opensAt.minus(Duration.ofHours(cadence.earlyAccessLeadHours())) : null;
		Instant closesAt = opensAt.plus(Duration.ofHours(cadence.openHours()));
		List<NewDropItem> items = cadence.items()
			.stream()
			.map(item -> new NewDropItem(item.sku(), item.quantity(), item.perFanLimit()))
			.toList();
		String title = DropTemplate.title(cadence.titlePattern(), occurrence.date(), occurrence.number());
		return new DropPlan(title, cadence.community(), cadence.accessMode(),
				new Timeline(announceAt, earlyAccessAt, opensAt, closesAt), cadence.holdMinutes(), null, items);
	}

}
