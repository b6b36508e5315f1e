package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.drop.WaitingRoomSettings;
import io.microdrops.offer.EarlyAccessCodes;
import io.microdrops.offer.FollowUp;
import io.microdrops.offer.FollowUpManagement;
import io.microdrops.offer.FollowUpSettings;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.Concurrently;
import io.microdrops.waitlist.PurchaseAccess;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Early-access codes from follow-up offers at checkout, on the real database: a code
 * opens the community's next drop to its fan before everyone, is used up by the one
 * reservation it lets through (also when two race with it), works for its fan only, and
 * not once it has expired.
 */
@SpringBootTest
class EarlyAccessCodeCheckoutIntegrationTests {

	@Autowired
	Checkout checkout;

	@Autowired
	PurchaseAccess access;

	@Autowired
	EarlyAccessCodes codes;

	@Autowired
	FollowUpManagement followUps;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void letsTheFanWithACodeReserveBeforeTheOpeningOnceAndUsesTheCodeUp() {
		Community community = community();
		AccountId fan = fans(1).getFirst();
		issueCode(community, fan, 24);
		String next = drop(community, Instant.now().plus(Duration.ofHours(2)));

		PurchaseAccess.Decision decision = this.access.check(next, fan, Instant.now());
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.reasonKey()).isEqualTo("access.allowed.code");

		Reservation reservation = this.checkout.reserve(one(next, fan));

		assertThat(reservation.editions()).containsExactly(1);
		assertThat(this.jdbc.queryForObject(
				"select reservation_id from early_access_codes where account_id = ? and used_at is not null",
				UUID.class, fan.value()))
			.isEqualTo(reservation.id());
		assertThat(outcome(one(next, fan))).as("the code works once").isEqualTo(Reason.NOT_OPEN_TO_FAN);
	}

	@Test
	void letsTheCodeOpenADropWithAWaitingRoomWithoutAnAdmission() {
		Community community = community();
		List<AccountId> fans = fans(2);
		issueCode(community, fans.get(0), 24);
		String next = drop(community, Instant.now().plus(Duration.ofHours(2)));
		this.drops.configureWaitingRoom(next, new WaitingRoomSettings(true, 60));

		assertThat(outcome(one(next, fans.get(0)))).as("the code admits its fan, once").isInstanceOf(Reservation.class);
		assertThat(outcome(one(next, fans.get(1)))).as("no code: not open yet").isEqualTo(Reason.NOT_OPEN_TO_FAN);
	}

	@Test
	void givesOneCodeToExactlyOneOfTwoReservationsRacingWithIt() throws Exception {
		for (int round = 0; round < 10; round++) {
			Community community = community();
			AccountId fan = fans(1).getFirst();
			issueCode(community, fan, 24);
			String next = drop(community, Instant.now().plus(Duration.ofHours(2)));

			List<Object> outcomes = Concurrently.run(2, i -> outcome(one(next, fan)));

			assertThat(outcomes).filteredOn(Reservation.class::isInstance).hasSize(1);
			assertThat(outcomes).filteredOn(Reason.class::isInstance).containsExactly(Reason.NOT_OPEN_TO_FAN);
			assertThat(this.jdbc
				.queryForObject("select count(*) from reservations r join drop_items i on i.id = r.drop_item_id "
						+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, next))
				.isEqualTo(1);
			assertThat(this.jdbc.queryForObject(
					"select count(*) from early_access_codes where account_id = ? and used_at is not null", Long.class,
					fan.value()))
				.isEqualTo(1);
		}
	}

	@Test
	void letsTheCodePastTheQueueOfAnOpenDropForExactlyOneOfTwoReservationsRacingWithIt() throws Exception {
		for (int round = 0; round < 10; round++) {
			Community community = community();
			List<AccountId> fans = fans(2);
			AccountId fan = fans.get(0);
			issueCode(community, fan, 24);
			String open = drop(community, Instant.now().minus(Duration.ofMinutes(1)), true);

			List<Object> outcomes = Concurrently.run(2, i -> outcome(one(open, fan)));

			assertThat(outcomes).filteredOn(Reservation.class::isInstance).hasSize(1);
			assertThat(outcomes).filteredOn(Reason.class::isInstance).containsExactly(Reason.ADMISSION_REQUIRED);
			assertThat(this.jdbc.queryForObject(
					"select count(*) from early_access_codes where account_id = ? and used_at is not null", Long.class,
					fan.value()))
				.isEqualTo(1);
			assertThat(outcome(one(open, fans.get(1)))).as("no code, no admission")
				.isEqualTo(Reason.ADMISSION_REQUIRED);
			assertThat(this.jdbc
				.queryForObject("select count(*) from reservations r join drop_items i on i.id = r.drop_item_id "
						+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, open))
				.isEqualTo(1);
		}
	}

	@Test
	void opensTheDropToNoOtherFanThanTheCodes() {
		Community community = community();
		List<AccountId> fans = fans(2);
		issueCode(community, fans.get(0), 24);
		String next = drop(community, Instant.now().plus(Duration.ofHours(2)));
		UUID code = this.jdbc.queryForObject("select id from early_access_codes where account_id = ?", UUID.class,
				fans.get(0).value());

		assertThat(outcome(one(next, fans.get(1)))).isEqualTo(Reason.NOT_OPEN_TO_FAN);
		assertThat(
				this.codes.redeem(code, fans.get(1), this.drops.require(next).id(), UUID.randomUUID(), Instant.now()))
			.as("another fan cannot use it")
			.isFalse();
		assertThat(outcome(one(next, fans.get(0)))).isInstanceOf(Reservation.class);
	}

	@Test
	void refusesACodeThatExpired() {
		Community community = community();
		AccountId fan = fans(1).getFirst();
		issueCode(community, fan, 24);
		String next = drop(community, Instant.now().plus(Duration.ofHours(2)));
		this.jdbc.update("update early_access_codes set expires_at = now() - interval '1 second' where account_id = ?",
				fan.value());

		assertThat(this.access.check(next, fan, Instant.now()).reasonKey()).isEqualTo("access.not-open-yet");
		assertThat(outcome(one(next, fan))).isEqualTo(Reason.NOT_OPEN_TO_FAN);
	}

	@Test
	void opensTheDropToTheCodesFanOnlyFromTheCodesMoment() {
		Community community = community();
		AccountId fan = fans(1).getFirst();
		issueCode(community, fan, 1);
		Instant opens = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		String next = drop(community, opens);

		PurchaseAccess.Decision decision = this.access.check(next, fan, Instant.now());

		assertThat(decision.verdict()).isEqualTo(PurchaseAccess.Verdict.NOT_OPEN_YET);
		assertThat(decision.reasonKey()).isEqualTo("access.not-open-yet.code");
		assertThat(decision.opensToYouAt()).isEqualTo(opens.minus(Duration.ofHours(1)));
		assertThat(outcome(one(next, fan))).isEqualTo(Reason.NOT_OPEN_TO_FAN);
		assertThat(this.access.check(next, fan, opens.minus(Duration.ofMinutes(59))).allowed()).isTrue();
	}

	@Test
	void followsAFanUpOncePerDropAfterTheDelayWhateverTheOrdersAndEvents() {
		Community community = community();
		AccountId fan = fans(1).getFirst();
		String bought = drop(community, Instant.now().minus(Duration.ofHours(1)));
		this.followUps.define(bought, new FollowUpSettings("Thank you!", 48, true, 24, 30, List.of()), Instant.now());
		Instant collected = Instant.parse("2031-03-01T10:00:00Z");
		this.followUps.received(UUID.randomUUID(), fan, bought, collected);
		this.followUps.received(UUID.randomUUID(), fan, bought, collected.plus(Duration.ofHours(1)));

		assertThat(due(collected.plus(Duration.ofHours(47)), fan)).isEmpty();
		List<FollowUpManagement.Due> due = due(collected.plus(Duration.ofHours(48)), fan);
		assertThat(due).hasSize(1);
		FollowUp first = this.followUps.complete(due.getFirst().id(), true, collected.plus(Duration.ofHours(48)))
			.orElseThrow();

		assertThat(first.code().code()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
		assertThat(first.code().expiresAt()).isEqualTo(collected.plus(Duration.ofHours(48)).plus(Duration.ofDays(30)));
		assertThat(this.followUps.complete(due.getFirst().id(), true, collected.plus(Duration.ofHours(49)))).isEmpty();
		assertThat(due(collected.plus(Duration.ofDays(100)), fan)).isEmpty();
	}

	private List<FollowUpManagement.Due> due(Instant now, AccountId fan) {
		return this.followUps.due(now, 10_000).stream().filter(due -> due.fan().equals(fan)).toList();
	}

	/** Follows a fan up after a drop of the community that opened a day ago. */
	private void issueCode(Community community, AccountId fan, int earlyHours) {
		String bought = drop(community, Instant.now().minus(Duration.ofDays(1)));
		this.followUps.define(bought, new FollowUpSettings("Thank you!", 0, true, earlyHours, 30, List.of()),
				Instant.now());
		Instant collected = Instant.now().minus(Duration.ofMinutes(5));
		this.followUps.received(UUID.randomUUID(), fan, bought, collected);
		FollowUpManagement.Due due = this.followUps.due(Instant.now(), 10_000)
			.stream()
			.filter(found -> found.fan().equals(fan))
			.findFirst()
			.orElseThrow();
		assertThat(this.followUps.complete(due.id(), true, Instant.now())).isPresent();
	}

	private Community community() {
		String slug = "eac-" + UUID.randomUUID().toString().substring(0, 8);
		CommunityId id = this.communities
			.create(slug,
					new CommunityDetails("Codes " + slug, "Early-access code tests", null, null, 500, ZoneId.of("UTC"),
							0, 31))
			.id();
		return new Community(slug, id);
	}

	/** A first-come drop of the community, announced a few days before its opening. */
	private String drop(Community community, Instant opens) {
		return drop(community, opens, false);
	}

	/**
	 * A first-come drop of the community, announced a few days before its opening, with
	 * an automatic waiting room or without.
	 */
	private String drop(Community community, Instant opens, boolean waitingRoom) {
		String slug = "d-" + UUID.randomUUID().toString().substring(0, 8);
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Unit", Money.of(CheckoutFixtures.PRICE_MINOR, "EUR"), 10, null, null));
		Instant at = opens.truncatedTo(ChronoUnit.SECONDS);
		Instant announced = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), AccessMode.FIRST_COME,
						new Timeline(announced, null, at, at.plus(Duration.ofDays(2))), 10, null,
						List.of(new NewDropItem(sku.id(), 10, 2))));
		if (waitingRoom) {
			this.drops.configureWaitingRoom(slug, new WaitingRoomSettings(true, null));
		}
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	private List<AccountId> fans(int count) {
		return new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc).fans(count);
	}

	private Object outcome(ReserveRequest request) {
		try {
			return this.checkout.reserve(request);
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	private static ReserveRequest one(String drop, AccountId fan) {
		return new ReserveRequest(drop, "sku-" + drop, 1, fan, null);
	}

	private record Community(String slug, CommunityId id) {
	}

}
