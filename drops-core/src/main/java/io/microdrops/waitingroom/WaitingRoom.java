package io.microdrops.waitingroom;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Checkout;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropState;
import io.microdrops.drop.WaitingRoomSettings;
import io.microdrops.waitlist.PurchaseAccess;
import io.microdrops.waitlist.WaitlistManagement;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The waiting rooms of drops: fans join, see their place, and are admitted.
 * <ul>
 * <li>Fans who join before the drop's first sales (early access, or the opening) form the
 * pre-queue. At the first admission run after that moment the pre-queue is shuffled once
 * by {@link QueueShuffle} from the room's kept seed; fans arriving later queue behind in
 * arrival order (a database sequence).</li>
 * <li>Admission ({@link #admit(String)}, run by {@link AdmissionJob} on one node at a
 * time) lets in the next fans in queue order: at a fixed rate (a bucket that fills with
 * the rate each minute and holds at most one minute's worth), or automatically: as many
 * fans as there are units free minus admissions still open, so that every admitted fan
 * has a unit to reach for and units that come back from expired holds admit the next
 * fans. Never more than {@code drops.waiting-room.max-admissions-per-run} at once.</li>
 * <li>While only the drop's waitlist members may buy (its early access, or for good on a
 * waitlist-only drop), only they are admitted, in queue order; the others keep their
 * places for the opening. An admission is worth a unit: one given to a fan the reserve
 * would refuse keeps a fan who can buy waiting until it runs out. Fans outside a
 * waitlist-only drop's waitlist are refused at the door.</li>
 * <li>No unit free: nobody is admitted; no unit free and none held (all sold): the room
 * is marked sold out for good and every fan still queued is told.</li>
 * </ul>
 * All state is in PostgreSQL, so any node answers any fan and a restart loses nothing.
 */
@Service
public class WaitingRoom {

	private static final HexFormat HEX = HexFormat.of();

	/** How far back the automatic rate is measured for the estimated wait. */
	private static final Duration RATE_WINDOW = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final DropManagement drops;

	private final AdmissionTokens tokens;

	private final Checkout checkout;

	private final WaitlistManagement waitlists;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration admissionLifetime;

	private final int maxPerRun;

	private final SecureRandom random = new SecureRandom();

	WaitingRoom(JdbcClient jdbc, DropManagement drops, AdmissionTokens tokens, Checkout checkout,
			WaitlistManagement waitlists, ApplicationEventPublisher events, Clock clock,
			@Value("${drops.waiting-room.admission-lifetime:PT10M}") Duration admissionLifetime,
			@Value("${drops.waiting-room.max-admissions-per-run:500}") int maxPerRun) {
		this.jdbc = jdbc;
		this.drops = drops;
		this.tokens = tokens;
		this.checkout = checkout;
		this.waitlists = waitlists;
		this.events = events;
		this.clock = clock;
		this.admissionLifetime = admissionLifetime;
		this.maxPerRun = maxPerRun;
	}

	/**
	 * Puts a fan in a drop's waiting room. A fan already queued, or admitted with an
	 * admission still open, keeps their place; a fan whose admission was used or ran out
	 * joins again at the back.
	 * @param slug the drop
	 * @param fan the fan
	 * @return the fan's place
	 * @throws DropNotFoundException for an unknown drop or one not announced yet
	 * @throws WaitingRoomRefusedException when the drop has no waiting room, is over or
	 * sold out, or when the fan misses one of its account requirements, is not on the
	 * waitlist of a waitlist-only drop or has all one fan may have of it (the reserve
	 * would refuse them, and their admission would keep a fan who can buy waiting)
	 */
	@Transactional
	public QueuePlace join(String slug, AccountId fan) {
		Drop drop = publicDrop(slug);
		Instant now = this.clock.instant();
		if (!drop.hasWaitingRoom()) {
			throw new WaitingRoomRefusedException("waitingroom.refused.none");
		}
		if (drop.stateAt(now) == DropState.CLOSED) {
			throw new WaitingRoomRefusedException("waitingroom.refused.over");
		}
		UUID dropId = drop.id().value();
		this.jdbc.sql("""
				insert into waiting_rooms (drop_id, seed, created_at) values (?, ?, ?) on conflict do nothing
				""").params(dropId, newSeed(), Timestamp.from(now)).update();
		// A share lock: joins go side by side, but never while the shuffle runs, so a
		// fan who joins is either in the shuffle or behind it.
		Room room = this.jdbc
			.sql("select shuffled_at is not null as shuffled, sold_out_at is not null as sold_out "
					+ "from waiting_rooms where drop_id = ? for share")
			.param(dropId)
			.query((rs, row) -> new Room(rs.getBoolean("shuffled"), rs.getBoolean("sold_out")))
			.single();
		if (room.soldOut()) {
			throw new WaitingRoomRefusedException("waitingroom.refused.sold-out");
		}
		// As the reserve checks it, and only for drops that set account rules.
		this.checkout.missedRequirement(drop, fan, now).ifPresent(missed -> {
			throw new WaitingRoomRefusedException(missed);
		});
		if (drop.accessMode() == AccessMode.WAITLIST_ONLY && !this.waitlists.isOnWaitlist(drop.id(), fan)) {
			throw new WaitingRoomRefusedException("waitingroom.refused.waitlist-only");
		}
		// An admission is worth a unit: no new place for a fan who may have no more (one
		// still queued, or admitted with an admission open, keeps theirs).
		boolean placeKept = this.jdbc.sql("""
				select exists (select 1 from waiting_room_entries where drop_id = ? and account_id = ?
				               and (admitted_at is null or (admission_used_at is null and admission_expires_at > ?)))
				""").params(dropId, fan.value(), Timestamp.from(now)).query(Boolean.class).single();
		if (!placeKept && this.checkout.atLimit(drop.id(), fan)) {
			throw new WaitingRoomRefusedException("waitingroom.refused.at-limit");
		}
		boolean early = now.isBefore(drop.firstSalesAt()) && !room.shuffled();
		int joined = this.jdbc.sql("""
				insert into waiting_room_entries (drop_id, account_id, joined_at, early) values (?, ?, ?, ?)
				on conflict do nothing
				""").params(dropId, fan.value(), Timestamp.from(now), early).update();
		if (joined == 0) {
			this.jdbc.sql("""
					update waiting_room_entries
					set arrival = nextval('waiting_room_arrivals'), joined_at = :now, early = false, place = null,
					    admitted_at = null, admission_nonce = null, admission_expires_at = null,
					    admission_used_at = null
					where drop_id = :drop and account_id = :fan and admitted_at is not null
					  and (admission_used_at is not null or admission_expires_at <= :now)
					""").param("now", Timestamp.from(now)).param("drop", dropId).param("fan", fan.value()).update();
		}
		return place(drop, fan, now);
	}

	/**
	 * Tells a fan where they stand in a drop's waiting room.
	 * @param slug the drop
	 * @param fan the fan
	 * @return the place, {@link QueuePlace.Status#NOT_JOINED} when not in the queue
	 * @throws DropNotFoundException for an unknown drop or one not announced yet
	 * @throws WaitingRoomRefusedException when the drop has no waiting room
	 */
	@Transactional(readOnly = true)
	public QueuePlace place(String slug, AccountId fan) {
		Drop drop = publicDrop(slug);
		if (!drop.hasWaitingRoom()) {
			throw new WaitingRoomRefusedException("waitingroom.refused.none");
		}
		return place(drop, fan, this.clock.instant());
	}

	/**
	 * Describes a drop's waiting room for its merchandiser.
	 * @param slug the drop
	 * @return the overview; zeros when nobody joined yet
	 */
	@Transactional(readOnly = true)
	public QueueOverview overview(String slug) {
		Drop drop = this.drops.require(slug);
		Instant now = this.clock.instant();
		UUID dropId = drop.id().value();
		Optional<RoomRow> room = room(dropId);
		return this.jdbc.sql("""
				select count(*) filter (where admitted_at is null) as waiting,
				       count(*) filter (where early) as pre_queue,
				       count(*) filter (where admitted_at is not null) as admitted,
				       count(*) filter (where admission_used_at is not null) as used,
				       count(*) filter (where admitted_at is not null and admission_used_at is null
				                        and admission_expires_at > :now) as open,
				       count(*) filter (where admitted_at is not null and admission_used_at is null
				                        and admission_expires_at <= :now) as expired
				from waiting_room_entries where drop_id = :drop
				""")
			.param("now", Timestamp.from(now))
			.param("drop", dropId)
			.query((rs, row) -> new QueueOverview(drop.waitingRoom(), rs.getInt("waiting"), rs.getInt("pre_queue"),
					rs.getInt("admitted"), rs.getInt("used"), rs.getInt("open"), rs.getInt("expired"),
					room.map(RoomRow::shuffledAt).orElse(null),
					room.filter(found -> found.shuffledAt() != null).map(RoomRow::seed).orElse(null),
					room.map(RoomRow::soldOutAt).orElse(null)))
			.single();
	}

	/**
	 * Takes the fans a sold-out waiting room has still to tell: those queued, never
	 * admitted, when every unit was sold. Each fan is taken once, so a caller that tells
	 * them in the same transaction tells nobody twice, also when it runs again.
	 * @param drop the drop
	 * @return the fans to tell, none when the room is not sold out
	 */
	@Transactional
	public List<AccountId> takeFansToTellOfSoldOut(DropId drop) {
		return this.jdbc.sql("""
				update waiting_room_entries e set sold_out_told_at = ?
				from waiting_rooms w
				where w.drop_id = e.drop_id and e.drop_id = ? and w.sold_out_at is not null
				  and e.admitted_at is null and e.sold_out_told_at is null
				returning e.account_id
				""")
			.params(Timestamp.from(this.clock.instant()), drop.value())
			.query((rs, row) -> new AccountId(rs.getObject("account_id", UUID.class)))
			.list();
	}

	/**
	 * Lists the drops whose waiting room may admit now: sales started, not over, not sold
	 * out.
	 * @return their slugs
	 */
	@Transactional(readOnly = true)
	public List<String> due() {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.sql("""
				select d.slug from waiting_rooms w join drops d on d.id = w.drop_id
				where w.sold_out_at is null and d.waiting_room and d.scheduled and d.closed_early_at is null
				  and coalesce(d.early_access_at, d.opens_at) <= ? and d.closes_at > ?
				order by d.opens_at
				""").params(now, now).query(String.class).list();
	}

	/**
	 * Runs one admission round for a drop: shuffles the pre-queue if that is still to be
	 * done, then admits the next fans as the rate or the free units allow, or marks the
	 * room sold out. Takes the room's row lock, so two rounds never overlap.
	 * @param slug the drop
	 * @return how many fans were admitted
	 */
	@Transactional
	public int admit(String slug) {
		Drop drop = this.drops.find(slug).orElse(null);
		Instant now = this.clock.instant();
		if (drop == null || !drop.hasWaitingRoom() || drop.awaitsPreorderOutcome()) {
			return 0;
		}
		DropState state = drop.stateAt(now);
		if (state != DropState.LIVE && state != DropState.EARLY_ACCESS) {
			return 0;
		}
		UUID dropId = drop.id().value();
		Optional<RoomRow> locked = this.jdbc
			.sql("select seed, shuffled_at, credit, credited_at, sold_out_at from waiting_rooms "
					+ "where drop_id = ? for update")
			.param(dropId)
			.query(WaitingRoom::roomRow)
			.optional();
		if (locked.isEmpty() || locked.get().soldOutAt() != null) {
			return 0;
		}
		RoomRow room = locked.get();
		if (drop.accessMode() == AccessMode.WAITLIST_ONLY) {
			// Fans who left a waitlist-only drop's waitlist after joining its queue can
			// never be let in: they leave the queue too, instead of waiting for good.
			this.jdbc.sql("""
					delete from waiting_room_entries e
					where e.drop_id = ? and e.admitted_at is null
					  and not exists (select 1 from waitlist_entries w
					                  where w.drop_id = e.drop_id and w.account_id = e.account_id)
					""").param(dropId).update();
		}
		if (room.shuffledAt() == null) {
			shuffle(dropId, room.seed(), now);
		}
		Units units = units(dropId);
		WaitingRoomSettings settings = drop.waitingRoom();
		double credit = room.credit();
		if (!settings.automatic()) {
			Instant since = (room.creditedAt() != null) ? room.creditedAt() : drop.firstSalesAt();
			double minutes = Math.max(0, Duration.between(since, now).toMillis()) / 60_000.0;
			// At most one minute's worth saved up: a quiet spell is not a burst later.
			credit = Math.min(settings.fansPerMinute(), credit + settings.fansPerMinute() * minutes);
		}
		int admitted = 0;
		if (units.free() == 0) {
			if (units.held() == 0) {
				// Every unit is sold: nobody else will get one, so the queue ends here.
				this.jdbc.sql("update waiting_rooms set sold_out_at = ? where drop_id = ?")
					.params(Timestamp.from(now), dropId)
					.update();
				this.events.publishEvent(new WaitingRoomSoldOut(drop.id(), drop.slug()));
			}
		}
		else {
			long open = this.jdbc.sql("""
					select count(*) from waiting_room_entries
					where drop_id = ? and admitted_at is not null and admission_used_at is null
					  and admission_expires_at > ?
					""").params(dropId, Timestamp.from(now)).query(Long.class).single();
			long allowed = settings.automatic() ? Math.max(0, units.free() - open) : (long) Math.floor(credit);
			int wanted = (int) Math.min(allowed, this.maxPerRun);
			if (wanted > 0) {
				Instant expires = now.plus(this.admissionLifetime).truncatedTo(ChronoUnit.SECONDS);
				// The waitlist's own table, read as the second-chance offers do: which
				// fans of the queue the early-access gate lets buy now.
				admitted = this.jdbc
					.sql("""
							update waiting_room_entries e
							set admitted_at = :now, admission_nonce = gen_random_uuid(), admission_expires_at = :expires
							from (select q.account_id from waiting_room_entries q
							      where q.drop_id = :drop and q.admitted_at is null
							        and (not :members or exists (select 1 from waitlist_entries w
							                                     where w.drop_id = q.drop_id and w.account_id = q.account_id))
							        and exists (select 1 from drop_items i
							                    left join fan_allowances a on a.drop_item_id = i.id and a.account_id = q.account_id
							                    where i.drop_id = q.drop_id and coalesce(a.taken, 0) < i.per_fan_limit)
							      order by q.early desc, q.place nulls last, q.arrival limit :wanted) next
							where e.drop_id = :drop and e.account_id = next.account_id
							""")
					.param("now", Timestamp.from(now))
					.param("expires", Timestamp.from(expires))
					.param("drop", dropId)
					.param("members", PurchaseAccess.membersFirst(drop, now))
					.param("wanted", wanted)
					.update();
			}
		}
		if (!settings.automatic()) {
			credit = Math.max(0, credit - admitted);
		}
		this.jdbc.sql("update waiting_rooms set credit = ?, credited_at = ? where drop_id = ?")
			.params(credit, Timestamp.from(now), dropId)
			.update();
		return admitted;
	}

	private void shuffle(UUID dropId, String seed, Instant now) {
		List<UUID> early = this.jdbc.sql("select account_id from waiting_room_entries where drop_id = ? and early")
			.param(dropId)
			.query(UUID.class)
			.list();
		List<UUID> order = QueueShuffle.order(seed, early);
		List<Object[]> places = new java.util.ArrayList<>(order.size());
		for (int i = 0; i < order.size(); i++) {
			places.add(new Object[] { i + 1, dropId, order.get(i) });
		}
		this.jdbc.sql("update waiting_rooms set shuffled_at = ?, pre_queue = ? where drop_id = ?")
			.params(Timestamp.from(now), order.size(), dropId)
			.update();
		for (Object[] place : places) {
			this.jdbc.sql("update waiting_room_entries set place = ? where drop_id = ? and account_id = ?")
				.params(place)
				.update();
		}
	}

	private QueuePlace place(Drop drop, AccountId fan, Instant now) {
		UUID dropId = drop.id().value();
		Optional<RoomRow> room = room(dropId);
		Units units = units(dropId);
		int waiting = room.isEmpty() ? 0
				: this.jdbc.sql("select count(*) from waiting_room_entries where drop_id = ? and admitted_at is null")
					.param(dropId)
					.query(Integer.class)
					.single();
		int preQueue = room.isEmpty() || room.get().shuffledAt() != null ? 0
				: this.jdbc.sql("select count(*) from waiting_room_entries where drop_id = ? and early")
					.param(dropId)
					.query(Integer.class)
					.single();
		if (drop.stateAt(now) == DropState.CLOSED) {
			return new QueuePlace(QueuePlace.Status.CLOSED, null, waiting, preQueue, null, units.free(), null, null,
					false);
		}
		Optional<Entry> found = this.jdbc.sql("""
				select early, place, arrival, admitted_at, admission_nonce, admission_expires_at, admission_used_at
				from waiting_room_entries where drop_id = ? and account_id = ?
				""").params(dropId, fan.value()).query(WaitingRoom::entry).optional();
		if (found.isPresent() && found.get().admittedAt() != null) {
			Entry entry = found.get();
			if (entry.usedAt() != null) {
				return new QueuePlace(QueuePlace.Status.ADMISSION_USED, null, waiting, preQueue, null, units.free(),
						null, null, false);
			}
			if (!entry.expiresAt().isAfter(now)) {
				return new QueuePlace(QueuePlace.Status.ADMISSION_EXPIRED, null, waiting, preQueue, null, units.free(),
						null, null, false);
			}
			String token = this.tokens
				.sign(new AdmissionTokens.Admission(dropId, fan.value(), entry.nonce(), entry.expiresAt()));
			return new QueuePlace(QueuePlace.Status.ADMITTED, null, waiting, preQueue, null, units.free(), token,
					entry.expiresAt(), false);
		}
		if (room.isPresent() && room.get().soldOutAt() != null) {
			return new QueuePlace(QueuePlace.Status.SOLD_OUT, null, waiting, preQueue, null, 0, null, null, false);
		}
		// Only while the room lets in waitlist members alone does it matter who is one.
		boolean membersOnly = PurchaseAccess.membersFirst(drop, now);
		boolean member = membersOnly && this.waitlists.isOnWaitlist(drop.id(), fan);
		boolean waitlistFirst = membersOnly && !member;
		if (found.isEmpty()) {
			return new QueuePlace(QueuePlace.Status.NOT_JOINED, null, waiting, preQueue, null, units.free(), null, null,
					waitlistFirst);
		}
		Entry entry = found.get();
		if (entry.early() && entry.place() == null) {
			return new QueuePlace(QueuePlace.Status.PRE_QUEUE, null, waiting, preQueue, null, units.free(), null, null,
					waitlistFirst);
		}
		// A member counts only the members ahead: the others are let in after them.
		int ahead = this.jdbc.sql("""
				select count(*) from waiting_room_entries o
				where o.drop_id = :drop and o.admitted_at is null
				  and ((o.early and (not :early or o.place < :place))
				       or (not o.early and not :early and o.arrival < :arrival))
				  and (not :member or exists (select 1 from waitlist_entries w
				                              where w.drop_id = o.drop_id and w.account_id = o.account_id))
				""")
			.param("drop", dropId)
			.param("early", entry.early())
			.param("place", (entry.place() != null) ? entry.place() : 0)
			.param("arrival", entry.arrival())
			.param("member", member)
			.query(Integer.class)
			.single();
		int position = ahead + 1;
		// A fan the room does not let in yet has no wait to estimate from its rate.
		Long wait = (units.free() > 0 && !waitlistFirst) ? estimatedWait(drop, position, now) : null;
		return new QueuePlace(QueuePlace.Status.WAITING, position, waiting, preQueue, wait, units.free(), null, null,
				waitlistFirst);
	}

	/**
	 * The wait until {@code position} more fans are admitted: at the set rate, or at the
	 * rate fans were admitted over the last five minutes; {@code null} before there is
	 * any such rate to go by.
	 */
	private Long estimatedWait(Drop drop, int position, Instant now) {
		WaitingRoomSettings settings = drop.waitingRoom();
		double perMinute;
		if (!settings.automatic()) {
			perMinute = settings.fansPerMinute();
		}
		else {
			Instant from = now.minus(RATE_WINDOW);
			if (from.isBefore(drop.firstSalesAt())) {
				from = drop.firstSalesAt();
			}
			double minutes = Duration.between(from, now).toMillis() / 60_000.0;
			long recent = this.jdbc
				.sql("select count(*) from waiting_room_entries where drop_id = ? and admitted_at > ?")
				.params(drop.id().value(), Timestamp.from(from))
				.query(Long.class)
				.single();
			if (recent == 0 || minutes < 0.25) {
				return null;
			}
			perMinute = recent / minutes;
		}
		return (long) Math.ceil(position * 60.0 / perMinute);
	}

	private Units units(UUID dropId) {
		// A unit that came back and is promised to a fan on the waitlist (a second-chance
		// offer not yet holding it) is not free for the queue: it counts as held.
		return this.jdbc.sql("""
				select count(*) filter (where u.reservation_id is null) as free,
				       count(*) filter (where u.reservation_id is not null and not u.sold) as held,
				       (select count(*) from second_chance_offers o
				        where o.drop_id = :drop and o.status = 'PENDING') as promised
				from drop_units u join drop_items i on i.id = u.drop_item_id where i.drop_id = :drop
				""").param("drop", dropId).query((rs, row) -> {
			int promised = Math.min(rs.getInt("promised"), rs.getInt("free"));
			return new Units(rs.getInt("free") - promised, rs.getInt("held") + promised);
		}).single();
	}

	private Optional<RoomRow> room(UUID dropId) {
		return this.jdbc
			.sql("select seed, shuffled_at, credit, credited_at, sold_out_at from waiting_rooms where drop_id = ?")
			.param(dropId)
			.query(WaitingRoom::roomRow)
			.optional();
	}

	private Drop publicDrop(String slug) {
		return this.drops.find(slug)
			.filter(drop -> drop.stateAt(this.clock.instant()).isPublic())
			.orElseThrow(() -> new DropNotFoundException(slug));
	}

	private String newSeed() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return HEX.formatHex(bytes);
	}

	private static RoomRow roomRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new RoomRow(rs.getString("seed"), instant(rs.getTimestamp("shuffled_at")), rs.getDouble("credit"),
				instant(rs.getTimestamp("credited_at")), instant(rs.getTimestamp("sold_out_at")));
	}

	private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Entry(rs.getBoolean("early"), (Integer) rs.getObject("place"), rs.getLong("arrival"),
				instant(rs.getTimestamp("admitted_at")), rs.getObject("admission_nonce", UUID.class),
				instant(rs.getTimestamp("admission_expires_at")), instant(rs.getTimestamp("admission_used_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Room(boolean shuffled, boolean soldOut) {
	}

	private record RoomRow(String seed, Instant shuffledAt, double credit, Instant creditedAt, Instant soldOutAt) {
	}

	private record Entry(boolean early, Integer place, long arrival, Instant admittedAt, UUID nonce, Instant expiresAt,
			Instant usedAt) {
	}

	private record Units(int free, int held) {
	}

	/**
	 * Lists a fan's places in waiting rooms, for their data download.
	 * @param fan the fan
	 * @return one row per queue: the drop, when they joined, their place and admission
	 */
	@Transactional(readOnly = true)
	public List<Map<String, Object>> placesOf(AccountId fan) {
		return this.jdbc.sql("""
				select d.slug as drop, e.joined_at, e.early as joined_before_opening, e.place, e.admitted_at,
				       e.admission_expires_at, e.admission_used_at
				from waiting_room_entries e join drops d on d.id = e.drop_id
				where e.account_id = ? order by e.joined_at
				""").param(fan.value()).query().listOfRows();
	}

}
