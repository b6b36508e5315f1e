package io.microdrops.waitingroom;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropRefusedException;
import io.microdrops.drop.FairnessRules;
import io.microdrops.drop.WaitingRoomSettings;
import io.microdrops.secondchance.SecondChances;
import io.microdrops.testsupport.MovableClock;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.waitingroom.QueuePlace.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Waiting rooms against the real database: the pre-queue shuffled once at the opening
 * from its seed, later arrivals behind, admission at a rate or from the free units,
 * tokens that work once for their fan and drop until they expire, and the end when every
 * unit is sold. The admission job's schedule is pushed out of the way; each test runs the
 * rounds.
 */
@SpringBootTest(properties = "drops.waiting-room.initial-delay=PT1H")
@Import(WaitingRoomIntegrationTests.Setup.class)
class WaitingRoomIntegrationTests {

	static final Instant NOW = Instant.parse("2033-03-03T12:00:00Z");

	@Autowired
	WaitingRoom rooms;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	SecondChances secondChances;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DropManagement drops;

	@Autowired
	MovableClock clock;

	@Autowired
	ApplicationContext context;

	WaitingRoomFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.clock.set(NOW);
		this.fixtures = new WaitingRoomFixtures(this.context);
	}

	@Test
	void shufflesThePreQueueOnceAtTheOpeningFromItsSeedAndQueuesLaterArrivalsBehindInArrivalOrder() {
		String drop = this.fixtures.drop(10, 1, NOW);
		List<AccountId> early = this.fixtures.fans(6);
		early.forEach(fan -> assertThat(this.rooms.join(drop, fan).status()).isEqualTo(Status.PRE_QUEUE));
		assertThat(this.rooms.place(drop, early.get(0)).preQueue()).isEqualTo(6);

		this.clock.set(WaitingRoomFixtures.opening(NOW));
		List<AccountId> late = this.fixtures.fans(2);
		late.forEach(fan -> this.rooms.join(drop, fan));
		// Before the shuffle too, a later arrival is behind the whole pre-queue.
		assertThat(this.rooms.place(drop, late.get(0)).position()).isEqualTo(7);

		// One fan a minute and no time passed: this round only shuffles.
		assertThat(this.rooms.admit(drop)).isZero();
		List<UUID> order = QueueShuffle.order(this.fixtures.seed(drop), early.stream().map(AccountId::value).toList());
		for (int i = 0; i < order.size(); i++) {
			QueuePlace place = this.rooms.place(drop, new AccountId(order.get(i)));
			assertThat(place.status()).isEqualTo(Status.WAITING);
			assertThat(place.position()).isEqualTo(i + 1);
		}
		assertThat(this.rooms.place(drop, late.get(1)).position()).isEqualTo(8);
		assertThat(this.rooms.place(drop, late.get(1)).estimatedWaitSeconds()).isEqualTo(8 * 60);

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
		assertThat(this.rooms.place(drop, new AccountId(order.get(0))).status()).isEqualTo(Status.ADMITTED);
		assertThat(this.rooms.place(drop, new AccountId(order.get(1))).position()).isEqualTo(1);
		assertThat(this.rooms.place(drop, late.get(1)).position()).isEqualTo(7);
		QueueOverview overview = this.rooms.overview(drop);
		assertThat(overview.seed()).isEqualTo(this.fixtures.seed(drop));
		assertThat(overview.preQueue()).isEqualTo(6);
		assertThat(overview.waiting()).isEqualTo(7);
		assertThat(overview.admitted()).isEqualTo(1);
	}

	@Test
	void keepsTheSetRateWithoutABurstAfterAQuietSpell() {
		String drop = this.fixtures.drop(100, 2, NOW);
		List<AccountId> fans = this.fixtures.fans(10);
		this.clock.set(WaitingRoomFixtures.opening(NOW));
		this.rooms.admit(drop);
		this.clock.advance(Duration.ofMinutes(30));
		fans.forEach(fan -> this.rooms.join(drop, fan));

		assertThat(this.rooms.admit(drop)).as("at most a minute's worth saved up").isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
	}

	@Test
	void admitsAutomaticallyAsManyFansAsUnitsAreFreeBeyondTheOpenAdmissions() {
		String drop = this.fixtures.drop(3, null, NOW);
		List<AccountId> fans = this.fixtures.fans(5);
		fans.forEach(fan -> this.rooms.join(drop, fan));
		this.clock.set(WaitingRoomFixtures.opening(NOW));

		assertThat(this.rooms.admit(drop)).isEqualTo(3);
		assertThat(this.rooms.admit(drop)).as("three admissions open for three units").isZero();
		List<AccountId> admitted = fans.stream()
			.filter(fan -> this.rooms.place(drop, fan).status() == Status.ADMITTED)
			.toList();
		assertThat(admitted).hasSize(3);
		reserve(drop, admitted.get(0), token(drop, admitted.get(0)), null);
		assertThat(this.rooms.admit(drop)).as("two units free, two admissions open").isZero();

		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.rooms.place(drop, admitted.get(1)).status()).isEqualTo(Status.ADMISSION_EXPIRED);
		assertThat(this.rooms.admit(drop)).as("the two expired admissions make room").isEqualTo(2);
		assertThat(this.rooms.place(drop, admitted.get(0)).status()).isEqualTo(Status.ADMISSION_USED);
	}

	@Test
	void admissionTokensWorkOnceOnlyForTheirFanAndTheirDropUntilTheyExpire() {
		String drop = this.fixtures.drop(5, null, NOW);
		String other = this.fixtures.drop(5, null, NOW);
		List<AccountId> fans = this.fixtures.fans(3);
		AccountId ann = fans.get(0);
		AccountId ben = fans.get(1);
		AccountId cat = fans.get(2);
		fans.forEach(fan -> this.rooms.join(drop, fan));
		this.rooms.join(other, ann);
		this.clock.set(WaitingRoomFixtures.opening(NOW));
		this.rooms.admit(drop);
		this.rooms.admit(other);
		String annToken = token(drop, ann);
		String annOtherToken = token(other, ann);

		assertThat(refusal(drop, ann, null, null)).isEqualTo(Reason.ADMISSION_REQUIRED);
		assertThat(refusal(drop, ben, annToken, null)).as("another fan's token").isEqualTo(Reason.ADMISSION_REQUIRED);
		assertThat(refusal(drop, ann, annOtherToken, null)).as("another drop's token")
			.isEqualTo(Reason.ADMISSION_REQUIRED);
		assertThat(refusal(drop, ann, "not-a-token", null)).isEqualTo(Reason.ADMISSION_REQUIRED);
		String altered = annToken.substring(0, 10) + ((annToken.charAt(10) == 'A') ? 'B' : 'A')
				+ annToken.substring(11);
		assertThat(refusal(drop, ann, altered, null)).isEqualTo(Reason.ADMISSION_REQUIRED);

		Reservation hold = reserve(drop, ann, annToken, "first-key");
		assertThat(reserve(drop, ann, annToken, "first-key").id()).as("a retry gets its first answer")
			.isEqualTo(hold.id());
		assertThat(refusal(drop, ann, annToken, "second-key")).as("used once").isEqualTo(Reason.ADMISSION_REQUIRED);
		assertThat(this.rooms.place(drop, ann).status()).isEqualTo(Status.ADMISSION_USED);

		// A hold refused for another reason leaves the admission unused.
		String catToken = token(drop, cat);
		assertThat(refusal(drop, cat, catToken, null, 2)).isEqualTo(Reason.OVER_LIMIT);
		assertThat(reserve(drop, cat, catToken, null).quantity()).isEqualTo(1);

		String benToken = token(drop, ben);
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(refusal(drop, ben, benToken, null)).as("expired").isEqualTo(Reason.ADMISSION_REQUIRED);
		assertThat(this.rooms.place(drop, ben).status()).isEqualTo(Status.ADMISSION_EXPIRED);
		assertThat(this.rooms.join(drop, ben).status()).as("joins again at the back").isEqualTo(Status.WAITING);
	}

	@Test
	void admitsOnlyWaitlistMembersDuringEarlyAccessAndTheOthersInTheirPlacesFromTheOpening() {
		String drop = this.fixtures.drop(5, null, NOW, AccessMode.FIRST_COME, true);
		List<AccountId> fans = this.fixtures.fans(8);
		List<AccountId> members = fans.subList(0, 4);
		List<AccountId> others = fans.subList(4, 8);
		members.forEach(fan -> this.waitlists.join(drop, fan));
		fans.forEach(fan -> this.rooms.join(drop, fan));
		assertThat(this.rooms.place(drop, others.get(0)))
			.satisfies(place -> assertThat(place.status()).isEqualTo(Status.PRE_QUEUE))
			.satisfies(place -> assertThat(place.waitlistFirst()).isTrue());
		assertThat(this.rooms.place(drop, members.get(0)).waitlistFirst()).isFalse();

		this.clock.set(WaitingRoomFixtures.earlyAccess(NOW));
		assertThat(this.rooms.admit(drop)).as("five units free, four fans who may buy").isEqualTo(4);
		assertThat(members)
			.allSatisfy(fan -> assertThat(this.rooms.place(drop, fan).status()).isEqualTo(Status.ADMITTED));
		assertThat(others).allSatisfy(fan -> {
			QueuePlace place = this.rooms.place(drop, fan);
			assertThat(place.status()).isEqualTo(Status.WAITING);
			assertThat(place.waitlistFirst()).isTrue();
			assertThat(place.estimatedWaitSeconds()).isNull();
		});
		members.subList(0, 2).forEach(fan -> reserve(drop, fan, token(drop, fan), null));
		assertThat(this.rooms.admit(drop)).as("a unit to spare, but nobody else may buy before the opening").isZero();

		// The members' unused admissions ran out meanwhile: three units free for the
		// first three others in the shuffle.
		this.clock.set(WaitingRoomFixtures.opening(NOW));
		assertThat(this.rooms.admit(drop)).isEqualTo(3);
		List<UUID> shuffled = QueueShuffle.order(this.fixtures.seed(drop),
				fans.stream().map(AccountId::value).toList());
		List<AccountId> othersInOrder = shuffled.stream().map(AccountId::new).filter(others::contains).toList();
		assertThat(othersInOrder.subList(0, 3))
			.allSatisfy(fan -> assertThat(this.rooms.place(drop, fan).status()).isEqualTo(Status.ADMITTED));
		assertThat(this.rooms.place(drop, othersInOrder.get(3)))
			.satisfies(place -> assertThat(place.position()).isEqualTo(1))
			.satisfies(place -> assertThat(place.waitlistFirst()).isFalse());
		assertThat(reserve(drop, othersInOrder.get(0), token(drop, othersInOrder.get(0)), null).quantity())
			.isEqualTo(1);
	}

	@Test
	void countsOnlyTheMembersAheadOfAMemberWhileOnlyMembersAreLetIn() {
		String drop = this.fixtures.drop(10, 1, NOW, AccessMode.FIRST_COME, true);
		List<AccountId> fans = this.fixtures.fans(6);
		List<AccountId> members = fans.subList(0, 3);
		members.forEach(fan -> this.waitlists.join(drop, fan));
		fans.forEach(fan -> this.rooms.join(drop, fan));
		this.clock.set(WaitingRoomFixtures.earlyAccess(NOW));
		assertThat(this.rooms.admit(drop)).as("this round only shuffles").isZero();

		List<UUID> shuffled = QueueShuffle.order(this.fixtures.seed(drop),
				fans.stream().map(AccountId::value).toList());
		List<AccountId> membersInOrder = shuffled.stream().map(AccountId::new).filter(members::contains).toList();
		for (int i = 0; i < membersInOrder.size(); i++) {
			assertThat(this.rooms.place(drop, membersInOrder.get(i)).position()).isEqualTo(i + 1);
		}
		AccountId lastOther = shuffled.reversed()
			.stream()
			.map(AccountId::new)
			.filter(fan -> !members.contains(fan))
			.findFirst()
			.orElseThrow();
		assertThat(this.rooms.place(drop, lastOther).position()).as("the others count everyone ahead")
			.isEqualTo(shuffled.indexOf(lastOther.value()) + 1);

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
		assertThat(this.rooms.place(drop, membersInOrder.get(0)).status()).isEqualTo(Status.ADMITTED);
		assertThat(this.rooms.place(drop, membersInOrder.get(1)).position()).isEqualTo(1);
	}

	@Test
	void takesOnlyTheWaitlistIntoTheQueueOfAWaitlistOnlyDrop() {
		String drop = this.fixtures.drop(5, null, NOW, AccessMode.WAITLIST_ONLY, false);
		List<AccountId> fans = this.fixtures.fans(3);
		AccountId member = fans.get(0);
		AccountId leaver = fans.get(1);
		AccountId outsider = fans.get(2);
		this.waitlists.join(drop, member);
		this.waitlists.join(drop, leaver);

		assertThat(this.rooms.place(drop, outsider).waitlistFirst()).isTrue();
		assertThatExceptionOfType(WaitingRoomRefusedException.class).isThrownBy(() -> this.rooms.join(drop, outsider))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("waitingroom.refused.waitlist-only"));
		assertThat(this.rooms.place(drop, outsider).status()).isEqualTo(Status.NOT_JOINED);
		assertThat(this.rooms.join(drop, member).status()).isEqualTo(Status.PRE_QUEUE);
		assertThat(this.rooms.join(drop, leaver).status()).isEqualTo(Status.PRE_QUEUE);
		this.waitlists.leave(drop, leaver);

		this.clock.set(WaitingRoomFixtures.opening(NOW));
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
		assertThat(this.rooms.place(drop, member).status()).isEqualTo(Status.ADMITTED);
		assertThat(this.rooms.place(drop, leaver)).as("off the waitlist, out of the queue")
			.satisfies(place -> assertThat(place.status()).isEqualTo(Status.NOT_JOINED))
			.satisfies(place -> assertThat(place.waitlistFirst()).isTrue());
		assertThat(this.rooms.overview(drop).waiting()).isZero();
		this.clock.advance(Duration.ofHours(2));
		assertThat(this.rooms.admit(drop)).as("not after the opening either").isZero();
	}

	@Test
	void letsAFanPastTheQueueOnceWithTheirEarlyAccessCodeAlsoAfterTheOpening() {
		String drop = this.fixtures.drop(5, null, NOW);
		String earlier = this.fixtures.drop(5, null, NOW);
		List<AccountId> fans = this.fixtures.fans(2);
		AccountId holder = fans.get(0);
		this.jdbc.update("""
				insert into early_access_codes (id, code, account_id, community_id, source_drop_id, after_opens_at,
				                                early_hours, issued_at, expires_at)
				select gen_random_uuid(), ?, ?, d.community_id, e.id, ?, 24, ?, ?
				from drops d, drops e where d.slug = ? and e.slug = ?
				""", "EA-" + UUID.randomUUID().toString().substring(0, 8), holder.value(),
				java.sql.Timestamp.from(NOW.minus(Duration.ofDays(1))), java.sql.Timestamp.from(NOW),
				java.sql.Timestamp.from(NOW.plus(Duration.ofDays(7))), drop, earlier);
		this.clock.set(WaitingRoomFixtures.opening(NOW).plus(Duration.ofMinutes(1)));

		assertThat(refusal(drop, fans.get(1), null, null)).as("no code, no admission")
			.isEqualTo(Reason.ADMISSION_REQUIRED);
		Reservation hold = reserve(drop, holder, null, null);
		assertThat(hold.quantity()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select reservation_id from early_access_codes where account_id = ?",
				UUID.class, holder.value()))
			.as("the code is used up by the hold")
			.isEqualTo(hold.id());
		this.checkout.release(hold.id(), holder);
		assertThat(refusal(drop, holder, null, null)).as("once").isEqualTo(Reason.ADMISSION_REQUIRED);
	}

	@Test
	void stopsAdmittingWhenEveryUnitIsSoldAndTellsEveryFanStillQueued() {
		String drop = this.fixtures.drop(2, null, NOW);
		List<AccountId> fans = this.fixtures.fans(4);
		fans.forEach(fan -> this.rooms.join(drop, fan));
		this.clock.set(WaitingRoomFixtures.opening(NOW));
		assertThat(this.rooms.admit(drop)).isEqualTo(2);
		List<AccountId> admitted = fans.stream()
			.filter(fan -> this.rooms.place(drop, fan).status() == Status.ADMITTED)
			.toList();
		List<AccountId> queued = fans.stream().filter(fan -> !admitted.contains(fan)).toList();
		admitted.forEach(fan -> reserve(drop, fan, token(drop, fan), null));

		assertThat(this.rooms.admit(drop)).isZero();
		QueuePlace meanwhile = this.rooms.place(drop, queued.get(0));
		assertThat(meanwhile.status()).as("units held may come back").isEqualTo(Status.WAITING);
		assertThat(meanwhile.unitsFree()).isZero();
		assertThat(meanwhile.estimatedWaitSeconds()).isNull();

		this.fixtures.sellHeldUnits(drop);
		assertThat(this.rooms.admit(drop)).isZero();

		assertThat(queued)
			.allSatisfy(fan -> assertThat(this.rooms.place(drop, fan).status()).isEqualTo(Status.SOLD_OUT));
		assertThat(this.rooms.overview(drop).soldOutAt()).isNotNull();
		assertThat(this.rooms.due()).doesNotContain(drop);
		AccountId newcomer = this.fixtures.fans(1).get(0);
		assertThatExceptionOfType(WaitingRoomRefusedException.class).isThrownBy(() -> this.rooms.join(drop, newcomer))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("waitingroom.refused.sold-out"));
	}

	@Test
	void refusesAFanWhoMissesTheDropsAccountRulesAtTheDoorSoTheyTakeNoAdmissionFromAFanWhoCanBuy() {
		String drop = this.fixtures.drop(1, null, NOW);
		this.drops.changeFairness(drop, new FairnessRules(false, false, true, null, false, null, null));
		List<AccountId> fans = this.fixtures.fans(2);
		AccountId unconfirmed = fans.get(0);
		AccountId confirmed = fans.get(1);
		this.jdbc.update("update accounts set email_confirmed_at = now() where id = ?", confirmed.value());

		assertThatExceptionOfType(WaitingRoomRefusedException.class)
			.isThrownBy(() -> this.rooms.join(drop, unconfirmed))
			.satisfies(ex -> {
				assertThat(ex.missedRequirement()).isEqualTo(FairnessRules.Requirement.CONFIRMED_EMAIL);
				assertThat(ex.messageKey()).isEqualTo("checkout.refused.ACCOUNT_REQUIREMENT.CONFIRMED_EMAIL");
			});
		assertThat(this.rooms.place(drop, unconfirmed).status()).isEqualTo(Status.NOT_JOINED);
		assertThat(this.rooms.join(drop, confirmed).status()).isEqualTo(Status.PRE_QUEUE);

		// The one unit's admission goes to the fan who can buy it.
		this.clock.set(WaitingRoomFixtures.opening(NOW));
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
		assertThat(this.rooms.place(drop, confirmed).status()).isEqualTo(Status.ADMITTED);
		assertThat(this.rooms.overview(drop).waiting()).isZero();

		// Meeting the rule later opens the door.
		this.jdbc.update("update accounts set email_confirmed_at = now() where id = ?", unconfirmed.value());
		assertThat(this.rooms.join(drop, unconfirmed).status()).isEqualTo(Status.WAITING);
	}

	@Test
	void opensAgainWhenASoldUnitComesBackAndAdmitsTheNextFan() {
		String drop = this.fixtures.drop(1, null, NOW);
		List<AccountId> fans = this.fixtures.fans(2);
		fans.forEach(fan -> this.rooms.join(drop, fan));
		this.clock.set(WaitingRoomFixtures.opening(NOW));
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
		AccountId buyer = fans.stream()
			.filter(fan -> this.rooms.place(drop, fan).status() == Status.ADMITTED)
			.findFirst()
			.orElseThrow();
		AccountId next = fans.stream().filter(fan -> !fan.equals(buyer)).findFirst().orElseThrow();
		Reservation hold = reserve(drop, buyer, token(drop, buyer), null);
		Order order = this.orders.placeOrder(new PlaceOrder(hold.id(), buyer, "4242 4242 4242 4242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Queue Road, Leeds")));
		assertThat(this.rooms.admit(drop)).isZero();
		assertThat(this.rooms.place(drop, next).status()).isEqualTo(Status.SOLD_OUT);

		// The buyer never collected: the order is taken back and its unit is free again.
		assertThat(this.orders.takeBackUncollected(order.id())).isTrue();

		assertThat(this.rooms.place(drop, next).status()).isEqualTo(Status.WAITING);
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
		assertThat(reserve(drop, next, token(drop, next), null).editions()).containsExactly(1);
	}

	@Test
	void keepsAUnitThatCameBackForTheWaitlistsSecondChanceBeforeTheQueue() {
		String drop = this.fixtures.drop(1, null, NOW);
		List<AccountId> fans = this.fixtures.fans(3);
		AccountId waitlisted = fans.get(2);
		this.jdbc.update("update accounts set email_confirmed_at = now() where id = ?", waitlisted.value());
		this.waitlists.join(drop, waitlisted);
		this.rooms.join(drop, fans.get(0));
		this.clock.set(WaitingRoomFixtures.opening(NOW));
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
		Reservation hold = reserve(drop, fans.get(0), token(drop, fans.get(0)), null);
		Order order = this.orders.placeOrder(new PlaceOrder(hold.id(), fans.get(0), "4242 4242 4242 4242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Queue Road, Leeds")));
		this.rooms.join(drop, fans.get(1));
		assertThat(this.rooms.admit(drop)).isZero();

		assertThat(this.orders.takeBackUncollected(order.id())).isTrue();

		assertThat(this.rooms.admit(drop)).as("the unit is promised to the waitlisted fan").isZero();
		QueuePlace queued = this.rooms.place(drop, fans.get(1));
		assertThat(queued.status()).isEqualTo(Status.WAITING);
		assertThat(queued.unitsFree()).isZero();
		// The second-chance round then holds it for that fan.
		this.secondChances.runDue();
		assertThat(this.secondChances.openOffersOf(waitlisted)).singleElement()
			.satisfies(offer -> assertThat(offer.edition()).isEqualTo(1));
		assertThat(this.rooms.admit(drop)).isZero();
	}

	@Test
	void refusesTurningTheWaitingRoomOnOrOffOnceSalesStartedButTakesANewRate() {
		String drop = this.fixtures.drop(5, null, NOW);
		this.clock.set(WaitingRoomFixtures.opening(NOW));

		assertThatExceptionOfType(DropRefusedException.class)
			.isThrownBy(() -> this.drops.configureWaitingRoom(drop, WaitingRoomSettings.OFF));
		this.drops.configureWaitingRoom(drop, new WaitingRoomSettings(true, 30));

		assertThat(this.drops.require(drop).waitingRoom().fansPerMinute()).isEqualTo(30);
	}

	private String token(String drop, AccountId fan) {
		QueuePlace place = this.rooms.place(drop, fan);
		assertThat(place.status()).isEqualTo(Status.ADMITTED);
		return place.admissionToken();
	}

	private Reservation reserve(String drop, AccountId fan, String token, String key) {
		return this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, key, token));
	}

	private Reason refusal(String drop, AccountId fan, String token, String key) {
		return refusal(drop, fan, token, key, 1);
	}

	private Reason refusal(String drop, AccountId fan, String token, String key, int quantity) {
		try {
			this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, quantity, fan, key, token));
			return null;
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	@TestConfiguration
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(NOW);
		}

	}

}
