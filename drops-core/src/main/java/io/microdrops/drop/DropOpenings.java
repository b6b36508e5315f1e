package io.microdrops.drop;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices drops that opened and publishes {@link DropOpened} for each exactly once: the
 * first caller to insert the drop's row into {@code drop_openings} publishes, in the same
 * transaction; any later or concurrent caller, on any node, finds the row there. A drop
 * whose sales wait for its pre-orders is noticed once they are settled; a drop noticed
 * more than {@link #LATEST} after it opened is left alone, as news that late is no news.
 */
@Service
public class DropOpenings {

	/** How long after its opening a drop still counts as just opened. */
	public static final Duration LATEST = Duration.ofDays(1);

	private final Drops drops;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DropOpenings(Drops drops, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.drops = drops;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Lists the drops that opened lately and whose opening nobody published yet.
	 * @return their slugs, first opened first
	 */
	@Transactional(readOnly = true)
	public List<String> due() {
		Instant now = this.clock.instant();
		List<Drop> opened = this.drops.findOpenedBetween(now, now.minus(LATEST))
			.stream()
			.filter(drop -> !drop.awaitsPreorderOutcome())
			.toList();
		if (opened.isEmpty()) {
			return List.of();
		}
		Set<UUID> published = Set.copyOf(this.jdbc.sql("select drop_id from drop_openings where drop_id = any(?)")
			.param(opened.stream().map(drop -> drop.id().value()).toArray(UUID[]::new))
			.query(UUID.class)
			.list());
		return opened.stream().filter(drop -> !published.contains(drop.id().value())).map(Drop::slug).toList();
	}

	/**
	 * Publishes {@link DropOpened} for a drop if it is open now and nobody did before.
	 * @param slug the drop
	 * @return {@code true} if this call published it
	 */
	@Transactional
	public boolean publishIfOpen(String slug) {
		Drop drop = this.drops.findBySlug(slug).orElse(null);
		Instant now = this.clock.instant();
		if (drop == null || drop.stateAt(now) != DropState.LIVE || drop.awaitsPreorderOutcome()
				|| !drop.timeline().opensAt().isAfter(now.minus(LATEST))) {
			return false;
		}
		int claimed = this.jdbc.sql("""
				insert into drop_openings (drop_id, opens_at, published_at) values (:drop, :opens, :now)
				on conflict (drop_id) do nothing
				""")
			.param("drop", drop.id().value())
			.param("opens", Timestamp.from(drop.timeline().opensAt()))
			.param("now", Timestamp.from(now))
			.update();
		if (claimed == 0) {
			return false;
		}
		this.events.publishEvent(
				new DropOpened(drop.id(), drop.community(), drop.slug(), drop.accessMode(), drop.timeline().opensAt()));
		return true;
	}

}
