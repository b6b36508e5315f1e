package io.microdrops.waitlist;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuId;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps drop waitlists and SKU "notify me" lists.
 * <p>
 * A fan's <em>position</em> is their rank among the drop's current entries, ordered by
 * when they joined: positions always run 1, 2, 3… without gaps, and when a fan leaves,
 * everyone behind them moves up one. Joining takes the drop's counter row with
 * {@code update … returning} in the same transaction as the insert, so positions are
 * unique under any number of concurrent joins on any number of nodes; joining twice keeps
 * the first place.
 * <p>
 * Only drops that fans can see (announced or later) and that are not closed take joins;
 * drops shared out by draw take none (the draw has entries of its own).
 */
@Service
public class WaitlistManagement {

	private final DropManagement drops;

	private final CatalogManagement catalog;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	WaitlistManagement(DropManagement drops, CatalogManagement catalog, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.drops = drops;
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Puts a fan on a drop's waitlist, or tells them where they stand if they are on it
	 * already. Publishes {@link WaitlistJoined} for a new entry.
	 * @param dropSlug the drop
	 * @param fan the fan
	 * @return the fan's place
	 * @throws DropNotFoundException when there is no such drop
	 * @throws WaitlistRefusedException when the drop takes no joins now
	 */
	@Transactional
	public WaitlistPlace join(String dropSlug, AccountId fan) {
		Drop drop = this.drops.require(dropSlug);
		checkTakesJoins(drop, this.clock.instant());
		UUID dropId = drop.id().value();
		Optional<Long> existing = sequenceOf(dropId, fan);
		if (existing.isPresent()) {
			return new WaitlistPlace(rank(dropId, existing.get()), true);
		}
		this.jdbc.sql("""
				insert into waitlists (drop_id, drop_slug, last_sequence, created_at) values (:drop, :slug, 0, :now)
				on conflict (drop_id) do nothing
				""")
			.param("drop", dropId)
			.param("slug", drop.slug())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		// Joins of one drop take turns from here; the check is repeated under the lock,
		// since a concurrent request of the same fan may have committed meanwhile.
		this.jdbc.sql("select last_sequence from waitlists where drop_id = ? for update")
			.param(dropId)
			.query(Long.class)
			.single();
		existing = sequenceOf(dropId, fan);
		if (existing.isPresent()) {
			return new WaitlistPlace(rank(dropId, existing.get()), true);
		}
		long sequence = this.jdbc
			.sql("update waitlists set last_sequence = last_sequence + 1 where drop_id = ? returning last_sequence")
			.param(dropId)
			.query(Long.class)
			.single();
		// The primary key (drop, fan) is the backstop: a duplicate fails the whole
		// transaction, counter included.
		this.jdbc.sql("""
				insert into waitlist_entries (drop_id, account_id, sequence, joined_at)
				values (:drop, :fan, :sequence, :now)
				""")
			.param("drop", dropId)
			.param("fan", fan.value())
			.param("sequence", sequence)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		int position = rank(dropId, sequence);
		this.events.publishEvent(new WaitlistJoined(drop.id(), drop.slug(), fan, position));
		return new WaitlistPlace(position, false);
	}

	/**
	 * Takes a fan off a drop's waitlist; everyone behind them moves up one. Leaving a
	 * waitlist one is not on changes nothing.
	 * @param dropSlug the drop
	 * @param fan the fan
	 * @return {@code true} if the fan was on it
	 * @throws DropNotFoundException when there is no such drop
	 */
	@Transactional
	public boolean leave(String dropSlug, AccountId fan) {
		Drop drop = this.drops.require(dropSlug);
		return this.jdbc.sql("delete from waitlist_entries where drop_id = ? and account_id = ?")
			.params(drop.id().value(), fan.value())
			.update() > 0;
	}

	/**
	 * Tells a fan's position on a drop's waitlist.
	 * @param drop the drop
	 * @param fan the fan
	 * @return the position from 1, empty when not on it
	 */
	@Transactional(readOnly = true)
	public OptionalInt position(DropId drop, AccountId fan) {
		return sequenceOf(drop.value(), fan).map(sequence -> OptionalInt.of(rank(drop.value(), sequence)))
			.orElse(OptionalInt.empty());
	}

	/**
	 * Tells whether a fan is on a drop's waitlist.
	 * @param drop the drop
	 * @param fan the fan
	 * @return {@code true} if on it
	 */
	@Transactional(readOnly = true)
	public boolean isOnWaitlist(DropId drop, AccountId fan) {
		return sequenceOf(drop.value(), fan).isPresent();
	}

	/**
	 * Counts the fans on a drop's waitlist.
	 * @param drop the drop
	 * @return the depth
	 */
	@Transactional(readOnly = true)
	public long depth(DropId drop) {
		return this.jdbc.sql("select count(*) from waitlist_entries where drop_id = ?")
			.param(drop.value())
			.query(Long.class)
			.single();
	}

	/**
	 * Lists the fans on a drop's waitlist.
	 * @param drop the drop
	 * @return the fans, first position first
	 */
	@Transactional(readOnly = true)
	public List<AccountId> members(DropId drop) {
		return this.jdbc.sql("select account_id from waitlist_entries where drop_id = ? order by sequence")
			.param(drop.value())
			.query((rs, row) -> new AccountId(rs.getObject("account_id", UUID.class)))
			.list();
	}

	/**
	 * Counts the fans on every drop's waitlist.
	 * @return the depth per drop; drops without a waitlist are missing
	 */
	@Transactional(readOnly = true)
	public Map<DropId, Long> depths() {
		Map<DropId, Long> depths = new HashMap<>();
		this.jdbc.sql("select drop_id, count(*) as depth from waitlist_entries group by drop_id")
			.query((rs, row) -> depths.put(new DropId(rs.getObject("drop_id", UUID.class)), rs.getLong("depth")))
			.list();
		return depths;
	}

	/**
	 * Lists a fan's waitlists with their positions, newest first. Only drops fans can see
	 * are listed.
	 * @param fan the fan
	 * @return the fan's waitlists
	 */
	@Transactional(readOnly = true)
	public List<FanWaitlist> waitlistsOf(AccountId fan) {
		record Row(String slug, int position, long depth, Instant joinedAt) {
		}
		List<Row> rows = this.jdbc.sql("""
				select w.drop_slug, e.joined_at,
				       (select count(*) from waitlist_entries o
				        where o.drop_id = e.drop_id and o.sequence <= e.sequence) as position,
				       (select count(*) from waitlist_entries o where o.drop_id = e.drop_id) as depth
				from waitlist_entries e join waitlists w on w.drop_id = e.drop_id
				where e.account_id = ?
				order by e.joined_at desc, w.drop_slug
				""")
			.param(fan.value())
			.query((rs, row) -> new Row(rs.getString("drop_slug"), rs.getInt("position"), rs.getLong("depth"),
					rs.getObject("joined_at", OffsetDateTime.class).toInstant()))
			.list();
		return rows.stream()
			.flatMap(row -> this.drops.publicView(row.slug())
				.map(view -> new FanWaitlist(view, row.position(), row.depth(), row.joinedAt()))
				.stream())
			.toList();
	}

	/**
	 * Lists the SKUs a fan asked to hear about ("notify me"), newest first; for the fan's
	 * data download.
	 * @param fan the fan
	 * @return the requests
	 */
	@Transactional(readOnly = true)
	public List<NotifyRequest> notifyRequestsOf(AccountId fan) {
		return this.jdbc.sql("""
				select s.slug, s.name, n.requested_at from sku_notify_requests n join skus s on s.id = n.sku_id
				where n.account_id = ? order by n.requested_at desc, s.slug
				""")
			.param(fan.value())
			.query((rs, row) -> new NotifyRequest(rs.getString("slug"), rs.getString("name"),
					rs.getObject("requested_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * A fan's "notify me" request for a SKU.
	 *
	 * @param sku the SKU's slug
	 * @param name the SKU's name
	 * @param requestedAt when they asked
	 */
	public record NotifyRequest(String sku, String name, Instant requestedAt) {
	}

	/**
	 * Describes a drop's waitlist for merchandisers.
	 * @param dropSlug the drop
	 * @param first how many entries to list from the top
	 * @return the overview
	 * @throws DropNotFoundException when there is no such drop
	 */
	@Transactional(readOnly = true)
	public WaitlistOverview overview(String dropSlug, int first) {
		Drop drop = this.drops.require(dropSlug);
		UUID dropId = drop.id().value();
		List<WaitlistOverview.Entry> entries = this.jdbc.sql("""
				select account_id, joined_at, row_number() over (order by sequence) as position
				from waitlist_entries where drop_id = ? order by sequence limit ?
				""")
			.params(dropId, first)
			.query((rs, row) -> new WaitlistOverview.Entry(rs.getInt("position"),
					new AccountId(rs.getObject("account_id", UUID.class)),
					rs.getObject("joined_at", OffsetDateTime.class).toInstant()))
			.list();
		record Invitation(Instant invitedAt, Integer invitees) {
		}
		Invitation invitation = this.jdbc.sql("select invited_at, invitees from waitlists where drop_id = ?")
			.param(dropId)
			.query((rs,
					row) -> new Invitation(Optional.ofNullable(rs.getObject("invited_at", OffsetDateTime.class))
						.map(OffsetDateTime::toInstant)
						.orElse(null), (Integer) rs.getObject("invitees")))
			.optional()
			.orElse(new Invitation(null, null));
		return new WaitlistOverview(depth(drop.id()), entries, invitation.invitedAt(), invitation.invitees());
	}

	/**
	 * Adds a fan to a SKU's "notify me" list, for future drops of it; asking twice
	 * changes nothing.
	 * @param skuSlug the SKU
	 * @param fan the fan
	 */
	@Transactional
	public void notifyMe(String skuSlug, AccountId fan) {
		Sku sku = this.catalog.require(skuSlug);
		this.jdbc.sql("""
				insert into sku_notify_requests (sku_id, account_id, requested_at) values (:sku, :fan, :now)
				on conflict do nothing
				""")
			.param("sku", sku.id().value())
			.param("fan", fan.value())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Takes a fan off a SKU's "notify me" list; changes nothing when not on it.
	 * @param skuSlug the SKU
	 * @param fan the fan
	 */
	@Transactional
	public void stopNotifying(String skuSlug, AccountId fan) {
		Sku sku = this.catalog.require(skuSlug);
		this.jdbc.sql("delete from sku_notify_requests where sku_id = ? and account_id = ?")
			.params(sku.id().value(), fan.value())
			.update();
	}

	/**
	 * Tells whether a fan asked to hear about future drops of a SKU.
	 * @param sku the SKU
	 * @param fan the fan
	 * @return {@code true} if on its "notify me" list
	 */
	@Transactional(readOnly = true)
	public boolean isNotifying(SkuId sku, AccountId fan) {
		return this.jdbc.sql("select exists (select 1 from sku_notify_requests where sku_id = ? and account_id = ?)")
			.params(sku.value(), fan.value())
			.query(Boolean.class)
			.single();
	}

	/**
	 * Lists the fans who asked to hear about future drops of a SKU, first asked first.
	 * @param sku the SKU
	 * @return the fans
	 */
	@Transactional(readOnly = true)
	public List<AccountId> notifyList(SkuId sku) {
		return this.jdbc.sql("select account_id from sku_notify_requests where sku_id = ? order by requested_at")
			.param(sku.value())
			.query((rs, row) -> new AccountId(rs.getObject("account_id", UUID.class)))
			.list();
	}

	/**
	 * Lists the drops whose waitlist has not been invited yet, for the invitation job.
	 * @return the drops' slugs
	 */
	@Transactional(readOnly = true)
	public List<String> uninvitedWaitlists() {
		return this.jdbc.sql("select drop_slug from waitlists where invited_at is null order by created_at")
			.query(String.class)
			.list();
	}

	/**
	 * Publishes {@link EarlyAccessOpened} for a drop whose waitlist members may start
	 * buying (from early access, or from the opening for a drop without one), exactly
	 * once: the first caller to claim the drop's waitlist row publishes, any later or
	 * concurrent caller, on any node, finds it claimed. A drop that closed before anyone
	 * claimed it is marked without an invitation.
	 * @param dropSlug the drop
	 * @return {@code true} if this call published the invitation
	 */
	@Transactional
	public boolean inviteIfDue(String dropSlug) {
		Optional<Drop> found = this.drops.find(dropSlug);
		if (found.isEmpty()) {
			return false;
		}
		Drop drop = found.get();
		Instant now = this.clock.instant();
		if (!drop.isScheduled() || drop.accessMode() == AccessMode.DRAW || now.isBefore(membersMayBuyFrom(drop))
				|| drop.awaitsPreorderOutcome()) {
			return false;
		}
		boolean closed = drop.stateAt(now) == DropState.CLOSED;
		UUID dropId = drop.id().value();
		int claimed = this.jdbc.sql("""
				update waitlists set invited_at = :now,
				       invitees = case when :closed then 0
				                  else (select count(*) from waitlist_entries e where e.drop_id = :drop) end
				where drop_id = :drop and invited_at is null
				""").param("now", Timestamp.from(now)).param("closed", closed).param("drop", dropId).update();
		if (claimed == 0 || closed) {
			return false;
		}
		List<EarlyAccessOpened.Invitee> invitees = this.jdbc.sql("""
				select account_id, row_number() over (order by sequence) as position
				from waitlist_entries where drop_id = ? order by sequence
				""")
			.param(dropId)
			.query((rs, row) -> new EarlyAccessOpened.Invitee(new AccountId(rs.getObject("account_id", UUID.class)),
					rs.getInt("position")))
			.list();
		this.events.publishEvent(new EarlyAccessOpened(drop.id(), drop.slug(), invitees));
		return true;
	}

	/**
	 * Returns the moment a drop's waitlist members may start buying: its early access, or
	 * its opening when it has none.
	 * @param drop the drop
	 * @return the moment
	 */
	static Instant membersMayBuyFrom(Drop drop) {
		return (drop.timeline().earlyAccessAt() != null) ? drop.timeline().earlyAccessAt() : drop.timeline().opensAt();
	}

	/**
	 * Tells whether a drop takes waitlist joins now, and why not.
	 * @param view the drop as it is now
	 * @return empty when it takes joins, else the message key explaining why not
	 */
	public static Optional<String> joinRefusal(DropView view) {
		return joinRefusal(view.drop(), view.state());
	}

	private static Optional<String> joinRefusal(Drop drop, DropState state) {
		if (!state.isPublic()) {
			return Optional.of("waitlist.refused.not-announced");
		}
		if (state == DropState.CLOSED) {
			return Optional.of("waitlist.refused.closed");
		}
		if (drop.accessMode() == AccessMode.DRAW) {
			return Optional.of("waitlist.refused.draw");
		}
		return Optional.empty();
	}

	private static void checkTakesJoins(Drop drop, Instant now) {
		joinRefusal(drop, drop.stateAt(now)).ifPresent(key -> {
			throw new WaitlistRefusedException(drop.slug(), key);
		});
	}

	private Optional<Long> sequenceOf(UUID drop, AccountId fan) {
		return this.jdbc.sql("select sequence from waitlist_entries where drop_id = ? and account_id = ?")
			.params(drop, fan.value())
			.query(Long.class)
			.optional();
	}

	private int rank(UUID drop, long sequence) {
		return this.jdbc.sql("select count(*) from waitlist_entries where drop_id = ? and sequence <= ?")
			.params(drop, sequence)
			.query(Integer.class)
			.single();
	}

}
