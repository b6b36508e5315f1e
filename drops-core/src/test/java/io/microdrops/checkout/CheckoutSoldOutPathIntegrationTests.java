package io.microdrops.checkout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sold-out path: once this node knows a drop item has no free unit it answers "sold
 * out" without reading the drop or the units again, yet a key keeps its first answer, and
 * a unit that comes back (given back or expired) is buyable at once. What a claim knows
 * of the drop is kept for a second, and forgotten when the drop closes early.
 */
@SpringBootTest
class CheckoutSoldOutPathIntegrationTests {

	@Autowired
	Checkout checkout;

	@Autowired
	SoldOutMarks soldOut;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	CheckoutFixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
	}

	@Test
	void answersAKnownSellOutFromMemoryAndSellsAUnitGivenBackAtOnce() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(4);
		Reservation first = this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		assertThat(this.soldOut.soldOut(drop, "sku-" + drop)).as("not known before a claim found none free").isFalse();

		assertThat(reserve(drop, fans.get(1), null)).isEqualTo(Reason.SOLD_OUT);
		assertThat(this.soldOut.soldOut(drop, "sku-" + drop)).isTrue();
		assertThat(this.checkout.knownSoldOut(drop)).as("the drop's only item: the whole drop").isTrue();
		String key = UUID.randomUUID().toString();
		assertThat(reserve(drop, fans.get(2), key)).as("known sold out, with a key").isEqualTo(Reason.SOLD_OUT);
		assertThat(this.jdbc.queryForObject(
				"select refusal from checkout_idempotency where account_id = ? and idempotency_key = ?", String.class,
				fans.get(2).value(), key))
			.as("the answer kept for the key")
			.isEqualTo("SOLD_OUT");
		assertThat(reserve(drop, fans.get(2), key)).as("a retry while known sold out").isEqualTo(Reason.SOLD_OUT);
		assertThatThrownBy(() -> this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, fans.get(2), key)))
			.as("the key with another request")
			.isInstanceOfSatisfying(CheckoutRefusedException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED));

		this.checkout.release(first.id(), fans.get(0));

		assertThat(this.soldOut.soldOut(drop, "sku-" + drop)).as("forgotten when the unit came back").isFalse();
		assertThat(this.checkout.knownSoldOut(drop)).as("the drop too").isFalse();
		assertThat(reserve(drop, fans.get(2), key)).as("the same key: the same answer").isEqualTo(Reason.SOLD_OUT);
		Object again = reserve(drop, fans.get(3), UUID.randomUUID().toString());
		assertThat(again).as("the unit given back is sold again at once").isInstanceOf(Reservation.class);
		assertThat(((Reservation) again).editions()).containsExactly(1);
		assertThat(this.fixtures.heldPlusSold(drop)).isEqualTo(1);
	}

	@Test
	void sellsAnExpiredHoldsUnitAtOnceAndTheDropIsLiveAgain() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(3);
		this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		assertThat(reserve(drop, fans.get(1), null)).isEqualTo(Reason.SOLD_OUT);
		assertThat(this.drops.view(drop).state()).isEqualTo(DropState.SOLD_OUT);

		this.fixtures.expireHolds(drop);
		assertThat(this.checkout.releaseExpired(100)).isPositive();

		assertThat(this.drops.view(drop).state()).isEqualTo(DropState.LIVE);
		assertThat(reserve(drop, fans.get(2), UUID.randomUUID().toString())).isInstanceOf(Reservation.class);
	}

	@Test
	void givesAKeyItsHoldAgainWhileTheDropIsKnownSoldOut() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(2);
		String key = UUID.randomUUID().toString();
		Object won = reserve(drop, fans.get(0), key);
		assertThat(won).isInstanceOf(Reservation.class);
		assertThat(reserve(drop, fans.get(1), null)).isEqualTo(Reason.SOLD_OUT);
		assertThat(this.soldOut.soldOut(drop, "sku-" + drop)).isTrue();

		assertThat(reserve(drop, fans.get(0), key)).as("the retry of the winner").isEqualTo(won);
		assertThat(this.jdbc.queryForObject("select count(*) from checkout_idempotency where account_id = ?",
				Long.class, fans.get(0).value()))
			.as("no refusal kept beside the hold")
			.isZero();
	}

	/**
	 * Many fans at once on a drop known sold out, their answers kept together: each key
	 * gets one answer, a double submit the same one, the same key with another request
	 * 422, and the winner's retry its hold, never a refusal beside it.
	 */
	@Test
	void keepsOneAnswerPerKeyWhenManyFansAskAtOnceWhileKnownSoldOut() throws Exception {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(41);
		String winnersKey = UUID.randomUUID().toString();
		Object won = reserve(drop, fans.get(0), winnersKey);
		assertThat(won).isInstanceOf(Reservation.class);
		assertThat(reserve(drop, fans.get(1), null)).isEqualTo(Reason.SOLD_OUT);
		assertThat(this.soldOut.soldOut(drop, "sku-" + drop)).isTrue();
		List<String> keys = fans.stream().map(fan -> UUID.randomUUID().toString()).toList();

		// Fans 1..40 ask once each; fans 1..10 send it twice at once, fans 11..15 send
		// their key again with two units; the winner retries twice.
		List<Callable<Object>> calls = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			int fan = i;
			calls.add(() -> reserve(drop, fans.get(fan), keys.get(fan)));
			if (fan <= 10) {
				calls.add(() -> reserve(drop, fans.get(fan), keys.get(fan)));
			}
			else if (fan <= 15) {
				calls.add(() -> reserveTwo(drop, fans.get(fan), keys.get(fan)));
			}
		}
		calls.add(() -> reserve(drop, fans.get(0), winnersKey));
		calls.add(() -> reserve(drop, fans.get(0), winnersKey));
		List<Object> answers = Concurrently.all(calls);

		assertThat(answers.subList(answers.size() - 2, answers.size())).as("the winner's retries").containsOnly(won);
		List<Object> others = answers.subList(0, answers.size() - 2);
		assertThat(others).as("no other answer than sold out, or the key reused with another request")
			.containsOnly(Reason.SOLD_OUT, Reason.IDEMPOTENCY_KEY_REUSED);
		assertThat(others.stream().filter(Reason.IDEMPOTENCY_KEY_REUSED::equals).count())
			.as("of the five keys sent with one and with two units, whichever came second")
			.isEqualTo(5);
		assertThat(this.jdbc.queryForObject("""
				select count(*) from checkout_idempotency
				where account_id = any(?) and operation = 'RESERVE' and refusal = 'SOLD_OUT'
				""", Long.class, (Object) fans.subList(1, 41).stream().map(AccountId::value).toArray(UUID[]::new)))
			.as("one answer kept per key")
			.isEqualTo(40);
		assertThat(this.jdbc.queryForObject("select count(*) from checkout_idempotency where account_id = ?",
				Long.class, fans.get(0).value()))
			.as("no refusal kept beside the winner's hold")
			.isZero();
	}

	@Test
	void refusesAtOnceADropClosedEarlyAfterClaimsReadIt() {
		String drop = this.fixtures.openDrop(10, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(2);
		assertThat(reserve(drop, fans.get(0), null)).isInstanceOf(Reservation.class);

		this.drops.closeEarly(drop);

		assertThat(reserve(drop, fans.get(1), UUID.randomUUID().toString())).isInstanceOf(Reason.class);
		assertThat(this.fixtures.heldPlusSold(drop)).isEqualTo(1);
	}

	@Test
	void aDrawOfferAsksTheUnitsThemselvesEvenWhenThisNodeThinksTheItemSoldOut() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(3);
		Reservation first = this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		assertThat(reserve(drop, fans.get(1), null)).isEqualTo(Reason.SOLD_OUT);
		assertThat(this.soldOut.soldOut(drop, "sku-" + drop)).isTrue();
		// The unit comes back on another node: this node's mark still stands.
		this.jdbc.update("update drop_units set reservation_id = null where reservation_id = ?", first.id());
		this.jdbc.update("update reservations set status = 'RELEASED' where id = ?", first.id());
		assertThat(this.soldOut.soldOut(drop, "sku-" + drop)).isTrue();

		Reservation offered = this.checkout.reserveForDraw(
				CheckoutFixtures.one(drop, fans.get(2), "draw-offer-" + UUID.randomUUID()),
				Instant.now().plusSeconds(600));

		assertThat(offered.editions()).containsExactly(1);
		assertThat(this.fixtures.heldPlusSold(drop)).isEqualTo(1);
	}

	private Object reserveTwo(String drop, AccountId fan, String key) {
		try {
			return this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, fan, key));
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	private Object reserve(String drop, AccountId fan, String key) {
		try {
			return this.checkout.reserve(CheckoutFixtures.one(drop, fan, key));
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

}
