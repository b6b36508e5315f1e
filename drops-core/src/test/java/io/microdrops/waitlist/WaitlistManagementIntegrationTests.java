package io.microdrops.waitlist;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import org.junit.jupiter.api.BeforeEach;
import io.microdrops.testsupport.Concurrently;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Waitlists against the real database: unique gap-free positions under concurrent joins,
 * leaving, refusals, the early-access gate, and the once-only invitation. The invitation
 * job is kept from running on its own so each test decides when it runs.
 */
@SpringBootTest(properties = { "drops.waitlist.invite-interval=PT24H", "drops.waitlist.invite-initial-delay=PT24H",
		"drops.cadence.run-interval=PT24H", "drops.cadence.initial-delay=PT24H" })
@Import(WaitlistManagementIntegrationTests.Setup.class)
class WaitlistManagementIntegrationTests {

	static final Instant NOW = Instant.parse("2031-01-10T12:00:00Z");

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	PurchaseAccess access;

	@Autowired
	InvitationJob job;

	@Autowired
	DropManagement drops;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	EventLog events;

	WaitlistFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.clock.set(NOW);
		this.fixtures = new WaitlistFixtures(this.accounts, this.communities, this.catalog, this.drops);
	}

	@Test
	void givesAHundredFansJoiningAtOncePositionsOneToAHundredEachExactlyOnce() throws Exception {
		String drop = this.fixtures.drop(AccessMode.FIRST_COME, NOW, true);
		List<AccountId> fans = IntStream.range(0, 100).parallel().mapToObj(i -> this.fixtures.fan()).toList();

		List<WaitlistPlace> places = Concurrently
			.all(fans.stream().<Callable<WaitlistPlace>>map(fan -> () -> this.waitlists.join(drop, fan)).toList());

		assertThat(places).extracting(WaitlistPlace::position)
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
		assertThat(places).noneMatch(WaitlistPlace::alreadyOnIt);
		assertThat(this.waitlists.depth(this.drops.require(drop).id())).isEqualTo(100);
		assertThat(this.events.joined(drop)).extracting(WaitlistJoined::position)
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
	}

	@Test
	void keepsOneEntryWhenTheSameFanJoinsTwentyTimesAtOnce() throws Exception {
		String drop = this.fixtures.drop(AccessMode.FIRST_COME, NOW, true);
		AccountId first = this.fixtures.fan();
		this.waitlists.join(drop, first);
		AccountId fan = this.fixtures.fan();

		List<WaitlistPlace> places = Concurrently.all(IntStream.range(0, 20)
			.<Callable<WaitlistPlace>>mapToObj(i -> () -> this.waitlists.join(drop, fan))
			.toList());

		assertThat(places).extracting(WaitlistPlace::position).containsOnly(2);
		assertThat(places).filteredOn(place -> !place.alreadyOnIt()).hasSize(1);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from waitlist_entries e join waitlists w on w.drop_id = e.drop_id where w.drop_slug = ?",
				Long.class, drop))
			.isEqualTo(2);
		assertThat(this.events.joined(drop)).filteredOn(event -> event.accountId().equals(fan)).hasSize(1);
	}

	@Test
	void keepsTheFirstPositionWhenAFanJoinsAgain() {
		String drop = this.fixtures.drop(AccessMode.FIRST_COME, NOW, false);
		AccountId fan = this.fixtures.fan();
		this.waitlists.join(drop, fan);
		this.waitlists.join(drop, this.fixtures.fan());

		assertThat(this.waitlists.join(drop, fan)).isEqualTo(new WaitlistPlace(1, true));
	}

	@Test
	void movesEveryoneBehindAFanUpWhenTheFanLeaves() {
		String drop = this.fixtures.drop(AccessMode.FIRST_COME, NOW, true);
		AccountId first = this.fixtures.fan();
		AccountId second = this.fixtures.fan();
		AccountId third = this.fixtures.fan();
		for (AccountId fan : List.of(first, second, third)) {
			this.waitlists.join(drop, fan);
		}
		var dropId = this.drops.require(drop).id();

		assertThat(this.waitlists.leave(drop, first)).isTrue();
		assertThat(this.waitlists.leave(drop, first)).isFalse();

		assertThat(this.waitlists.position(dropId, first)).isEmpty();
		assertThat(this.waitlists.position(dropId, second)).hasValue(1);
		assertThat(this.waitlists.position(dropId, third)).hasValue(2);
		AccountId fourth = this.fixtures.fan();
		assertThat(this.waitlists.join(drop, fourth).position()).isEqualTo(3);
		assertThat(this.waitlists.waitlistsOf(third)).singleElement()
			.satisfies(entry -> assertThat(entry.position()).isEqualTo(2))
			.satisfies(entry -> assertThat(entry.depth()).isEqualTo(3));
	}

	@Test
	void refusesJoinsForDropsNotAnnouncedClosedOrSharedOutByDraw() {
		AccountId fan = this.fixtures.fan();
		String closed = this.fixtures.drop(AccessMode.FIRST_COME, NOW, false);
		String draw = this.fixtures.drop(AccessMode.DRAW, NOW, false);
		String draft = WaitlistFixtures.unique("draft");
		this.drops.createDraft(draft,
				new DropPlan("Draft", this.drops.require(closed).community(), AccessMode.FIRST_COME,
						new Timeline(NOW, null, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2))), 10, null,
						List.of(new NewDropItem(this.catalog.require(this.fixtures.sku()).id(), 5, 1))));
		this.clock.set(NOW.plus(Duration.ofDays(2)));

		assertThatExceptionOfType(WaitlistRefusedException.class).isThrownBy(() -> this.waitlists.join(closed, fan))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("waitlist.refused.closed"));
		assertThatExceptionOfType(WaitlistRefusedException.class).isThrownBy(() -> this.waitlists.join(draft, fan))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("waitlist.refused.not-announced"));
		this.clock.set(NOW);
		assertThatExceptionOfType(WaitlistRefusedException.class).isThrownBy(() -> this.waitlists.join(draw, fan))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("waitlist.refused.draw"));
		assertThatExceptionOfType(DropNotFoundException.class)
			.isThrownBy(() -> this.waitlists.join("no-such-drop", fan));
		assertThat(this.waitlists.waitlistsOf(fan)).isEmpty();
	}

	@Test
	void letsFirstComeWaitlistMembersBuyFromEarlyAccessAndEveryoneFromTheOpening() {
		String drop = this.fixtures.drop(AccessMode.FIRST_COME, NOW, true);
		AccountId member = this.fixtures.fan();
		AccountId other = this.fixtures.fan();
		this.waitlists.join(drop, member);
		Instant early = NOW.plus(Duration.ofHours(1));
		Instant opens = NOW.plus(Duration.ofHours(2));

		assertThat(this.access.check(drop, member, NOW)).isEqualTo(new PurchaseAccess.Decision(
				PurchaseAccess.Verdict.NOT_OPEN_YET, early, opens, "access.not-open-yet.member-early"));
		assertThat(this.access.check(drop, member, early).verdict()).isEqualTo(PurchaseAccess.Verdict.ALLOWED);
		assertThat(this.access.check(drop, other, early)).isEqualTo(new PurchaseAccess.Decision(
				PurchaseAccess.Verdict.NOT_OPEN_YET, opens, opens, "access.not-open-yet.early-running"));
		assertThat(this.access.check(drop, other, opens).allowed()).isTrue();
		assertThat(this.access.check(drop, null, opens).verdict()).isEqualTo(PurchaseAccess.Verdict.NOT_SIGNED_IN);
		assertThat(this.access.check(drop, member, NOW.plus(Duration.ofDays(1))).verdict())
			.isEqualTo(PurchaseAccess.Verdict.CLOSED);
	}

	@Test
	void letsOnlyWaitlistMembersEverBuyAWaitlistOnlyDrop() {
		String drop = this.fixtures.drop(AccessMode.WAITLIST_ONLY, NOW, false);
		AccountId member = this.fixtures.fan();
		AccountId other = this.fixtures.fan();
		this.waitlists.join(drop, member);
		Instant opens = NOW.plus(Duration.ofHours(2));

		assertThat(this.access.check(drop, member, NOW).verdict()).isEqualTo(PurchaseAccess.Verdict.NOT_OPEN_YET);
		assertThat(this.access.check(drop, member, opens).allowed()).isTrue();
		assertThat(this.access.check(drop, other, opens)).isEqualTo(
				new PurchaseAccess.Decision(PurchaseAccess.Verdict.WAITLIST_ONLY, null, null, "access.waitlist-only"));
		assertThat(this.access.check(drop, other, opens.plus(Duration.ofHours(5))).allowed()).isFalse();
	}

	@Test
	void publishesEarlyAccessOpenedExactlyOnceInPositionOrderWhenTwoRunsRace() throws Exception {
		String drop = this.fixtures.drop(AccessMode.FIRST_COME, NOW, true);
		List<AccountId> fans = List.of(this.fixtures.fan(), this.fixtures.fan(), this.fixtures.fan());
		fans.forEach(fan -> this.waitlists.join(drop, fan));
		this.waitlists.leave(drop, fans.get(1));

		this.job.run();
		assertThat(this.events.opened(drop)).isEmpty();

		this.clock.set(NOW.plus(Duration.ofHours(1)));
		Concurrently.all(List.<Callable<Integer>>of(this.job::run, this.job::run));
		this.job.run();

		assertThat(this.events.opened(drop)).singleElement()
			.satisfies(event -> assertThat(event.inPositionOrder()).containsExactly(
					new EarlyAccessOpened.Invitee(fans.get(0), 1), new EarlyAccessOpened.Invitee(fans.get(2), 2)));
		assertThat(this.waitlists.overview(drop, 10).invitees()).isEqualTo(2);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from event_publication where event_type = ? and serialized_event like ?", Long.class,
				EarlyAccessOpened.class.getName(), "%" + drop + "%"))
			.isEqualTo(1);
	}

	@Test
	void keepsASkuNotifyMeListWithoutDuplicates() {
		String sku = this.fixtures.sku();
		AccountId fan = this.fixtures.fan();
		var skuId = this.catalog.require(sku).id();

		this.waitlists.notifyMe(sku, fan);
		this.waitlists.notifyMe(sku, fan);
		assertThat(this.waitlists.notifyList(skuId)).containsExactly(fan);
		assertThat(this.waitlists.isNotifying(skuId, fan)).isTrue();

		this.waitlists.stopNotifying(sku, fan);
		assertThat(this.waitlists.notifyList(skuId)).isEmpty();
	}

	/** Runs tasks at once, released together, and returns their results. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(NOW);
		}

		@Bean
		EventLog eventLog() {
			return new EventLog();
		}

	}

	/**
	 * Records the waitlist events. Joins are recorded as they are published: a listener
	 * after commit would need a second connection per join, which a hundred concurrent
	 * joins on a pool of ten cannot all get. Invitations are recorded after commit,
	 * through the event publication registry.
	 */
	static class EventLog {

		private final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(WaitlistJoined event) {
			this.events.add(event);
		}

		@TransactionalEventListener
		void on(EarlyAccessOpened event) {
			this.events.add(event);
		}

		List<WaitlistJoined> joined(String drop) {
			return this.events.stream()
				.filter(WaitlistJoined.class::isInstance)
				.map(WaitlistJoined.class::cast)
				.filter(event -> event.dropSlug().equals(drop))
				.toList();
		}

		List<EarlyAccessOpened> opened(String drop) {
			return this.events.stream()
				.filter(EarlyAccessOpened.class::isInstance)
				.map(EarlyAccessOpened.class::cast)
				.filter(event -> event.dropSlug().equals(drop))
				.toList();
		}

	}

}
