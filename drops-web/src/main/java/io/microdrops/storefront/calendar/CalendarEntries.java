package io.microdrops.storefront.calendar;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.microdrops.community.CommunityId;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropClosedEarly;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropRevised;
import io.microdrops.drop.DropScheduled;
import io.microdrops.drop.DropUnscheduled;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Remembers, per drop, how often its calendar events changed (their iCalendar
 * {@code SEQUENCE}, so calendar apps take the newer version) and whether it was called
 * off. Every schedule, revision, unscheduling or early close bumps the count and keeps
 * the drop's latest title and times; whether it counts as cancelled is read from the drop
 * itself, so events handled out of order still end in the right state.
 */
@Component
class CalendarEntries {

	private final JdbcClient jdbc;

	private final DropManagement drops;

	private final Clock clock;

	CalendarEntries(JdbcClient jdbc, DropManagement drops, Clock clock) {
		this.jdbc = jdbc;
		this.drops = drops;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(DropScheduled event) {
		changed(event.slug());
	}

	@ApplicationModuleListener
	void on(DropRevised event) {
		changed(event.slug());
	}

	@ApplicationModuleListener
	void on(DropUnscheduled event) {
		changed(event.slug());
	}

	@ApplicationModuleListener
	void on(DropClosedEarly event) {
		changed(event.slug());
	}

	private void changed(String slug) {
		this.drops.find(slug).ifPresent(this::record);
	}

	private void record(Drop drop) {
		Instant closes = (drop.closedEarlyAt() != null) ? drop.closedEarlyAt() : drop.timeline().closesAt();
		this.jdbc.sql("""
				insert into drop_calendar_entries (drop_id, community_id, slug, title, announce_at, early_access_at,
				    opens_at, closes_at, sequence, cancelled, changed_at)
				values (:drop, :community, :slug, :title, :announce, :early, :opens, :closes, 0, :cancelled, :now)
				on conflict (drop_id) do update set sequence = drop_calendar_entries.sequence + 1,
				    slug = excluded.slug, title = excluded.title, announce_at = excluded.announce_at,
				    early_access_at = excluded.early_access_at, opens_at = excluded.opens_at,
				    closes_at = excluded.closes_at, cancelled = excluded.cancelled, changed_at = excluded.changed_at
				""")
			.param("drop", drop.id().value())
			.param("community", drop.community().value())
			.param("slug", drop.slug())
			.param("title", drop.title())
			.param("announce", Timestamp.from(drop.timeline().announceAt()))
			.param("early",
					(drop.timeline().earlyAccessAt() != null) ? Timestamp.from(drop.timeline().earlyAccessAt()) : null)
			.param("opens", Timestamp.from(drop.timeline().opensAt()))
			.param("closes", Timestamp.from(closes))
			.param("cancelled", !drop.isScheduled())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Reads the change counts of some drops.
	 * @param drops the drops
	 * @return the count per drop; drops never changed are missing (their count is 0)
	 */
	Map<DropId, Integer> sequences(List<DropId> drops) {
		if (drops.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("select drop_id, sequence from drop_calendar_entries where drop_id in (:ids)")
			.param("ids", drops.stream().map(DropId::value).toList())
			.query((rs, row) -> Map.entry(new DropId(rs.getObject("drop_id", UUID.class)), rs.getInt("sequence")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Lists a community's drops that fans had seen announced and that were then called
	 * off, whose opening is not long past.
	 * @param community the community
	 * @param since only those opening after this
	 * @return the cancelled drops, by opening time
	 */
	List<Cancelled> cancelled(CommunityId community, Instant since) {
		return this.jdbc.sql("""
				select drop_id, slug, title, early_access_at, opens_at, closes_at, sequence from drop_calendar_entries
				where community_id = ? and cancelled and announce_at <= changed_at and opens_at >= ?
				order by opens_at
				""")
			.params(community.value(), Timestamp.from(since))
			.query((rs, row) -> new Cancelled(new DropId(rs.getObject("drop_id", UUID.class)), rs.getString("slug"),
					rs.getString("title"),
					(rs.getTimestamp("early_access_at") != null) ? rs.getTimestamp("early_access_at").toInstant()
							: null,
					rs.getTimestamp("opens_at").toInstant(), rs.getTimestamp("closes_at").toInstant(),
					rs.getInt("sequence")))
			.list();
	}

	/**
	 * A drop that was called off after fans had seen it, as it last was.
	 *
	 * @param drop the drop
	 * @param slug its slug
	 * @param title its title
	 * @param earlyAccessAt its early access, or {@code null}
	 * @param opensAt its opening
	 * @param closesAt its close
	 * @param sequence its change count
	 */
	record Cancelled(DropId drop, String slug, String title, Instant earlyAccessAt, Instant opensAt, Instant closesAt,
			int sequence) {
	}

}
