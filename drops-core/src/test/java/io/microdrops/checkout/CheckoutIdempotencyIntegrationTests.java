package io.microdrops.checkout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys on reserving and ordering: a retry with the same key and request gets
 * the first answer again, refusals included, even when the world has changed since; the
 * same key with another request is refused; a key is the fan's own.
 */
@SpringBootTest
class CheckoutIdempotencyIntegrationTests {

	static final Fulfilment SHIPPING = new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Vinyl Lane, Leeds LS1");

	static final String GOOD_CARD = "4242424242424242";

	static final String DECLINED_CARD = "4000 0000 0000 0002";

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	IdempotentAnswers answers;

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
	void replaysASoldOutAnswerToItsKeyEvenAfterUnitsCameBack() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(2);
		Reservation first = this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		String key = UUID.randomUUID().toString();
		assertThat(reserve(drop, fans.get(1), 1, key)).isEqualTo(Reason.SOLD_OUT);

		this.checkout.release(first.id(), fans.get(0));

		assertThat(reserve(drop, fans.get(1), 1, key)).as("the same key: the same answer").isEqualTo(Reason.SOLD_OUT);
		assertThat(reserve(drop, fans.get(1), 1, UUID.randomUUID().toString())).as("a new key: a new attempt")
			.isInstanceOf(Reservation.class);
	}

	@Test
	void replaysTheLimitRefusalAndRefusesItsKeyForAnotherRequest() {
		String drop = this.fixtures.openDrop(10, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation held = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		String key = UUID.randomUUID().toString();
		assertThat(reserve(drop, fan, 1, key)).isEqualTo(Reason.OVER_LIMIT);
		this.checkout.release(held.id(), fan);

		assertThat(reserve(drop, fan, 1, key)).isEqualTo(Reason.OVER_LIMIT);
		assertThat(reserve(drop, fan, 2, key)).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED);
		assertThat(this.fixtures.heldPlusSold(drop)).isZero();
	}

	@Test
	void answersFiftyConcurrentRetriesOfARefusedKeyAlikeAndHoldsNothing() throws Exception {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(2);
		this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		String key = UUID.randomUUID().toString();

		List<Object> outcomes = Concurrently.run(50, i -> reserve(drop, fans.get(1), 1, key));

		assertThat(outcomes).containsOnly(Reason.SOLD_OUT);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from checkout_idempotency where account_id = ? and idempotency_key = ?", Long.class,
				fans.get(1).value(), key))
			.isEqualTo(1);
		assertThat(this.fixtures.heldPlusSold(drop)).isEqualTo(1);
	}

	@Test
	void replaysNotOpenToThisFanWithTheSameMoment() {
		String drop = this.fixtures.openDrop(AccessMode.WAITLIST_ONLY, 5, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		String key = UUID.randomUUID().toString();

		CheckoutRefusedException first = refusal(drop, fan, key);
		CheckoutRefusedException again = refusal(drop, fan, key);

		assertThat(first.reason()).isEqualTo(Reason.NOT_OPEN_TO_FAN);
		assertThat(again.reason()).isEqualTo(first.reason());
		assertThat(again.opensToFanAt()).isEqualTo(first.opensToFanAt());
		assertThat(again.getMessage()).isEqualTo(first.getMessage());
	}

	@Test
	void keepsAKeysAnswerForItsOwnFanOnly() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(3);
		Reservation first = this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		String key = UUID.randomUUID().toString();
		assertThat(reserve(drop, fans.get(1), 1, key)).isEqualTo(Reason.SOLD_OUT);
		this.checkout.release(first.id(), fans.get(0));

		assertThat(reserve(drop, fans.get(2), 1, key)).isInstanceOf(Reservation.class);
	}

	@Test
	void keepsNoAnswerForInvalidInputSoTheCorrectedRequestMayUseTheKey() {
		String drop = this.fixtures.openDrop(5, 2, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		String key = UUID.randomUUID().toString();

		assertThat(reserve(drop, fan, 0, key)).isEqualTo(Reason.INVALID_QUANTITY);
		assertThat(reserve(drop, fan, 1, key)).isInstanceOf(Reservation.class);

		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		String orderKey = UUID.randomUUID().toString();
		assertThat(order(hold, fan, GOOD_CARD, new Fulfilment(Fulfilment.Method.PICKUP, " ", null), orderKey))
			.isEqualTo(Reason.INVALID_FULFILMENT);
		assertThat(order(hold, fan, GOOD_CARD, SHIPPING, orderKey)).isInstanceOf(Order.class);
	}

	@Test
	void replaysADeclinedPaymentAndRefusesItsKeyForAnotherCard() {
		String drop = this.fixtures.openDrop(5, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		String key = UUID.randomUUID().toString();

		CheckoutRefusedException declined = orderRefusal(hold, fan, DECLINED_CARD, key);
		CheckoutRefusedException again = orderRefusal(hold, fan, "4000-0000-0000-0002", key);

		assertThat(declined.reason()).isEqualTo(Reason.PAYMENT_DECLINED);
		assertThat(again.reason()).isEqualTo(Reason.PAYMENT_DECLINED);
		assertThat(again.getMessage()).isEqualTo(declined.getMessage()).contains("declined");
		assertThat(order(hold, fan, GOOD_CARD, SHIPPING, key)).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED);
		assertThat(this.checkout.find(hold.id(), fan))
			.hasValueSatisfying(still -> assertThat(still.status()).isEqualTo(Reservation.Status.HELD));
		assertThat(order(hold, fan, GOOD_CARD, SHIPPING, UUID.randomUUID().toString())).isInstanceOf(Order.class);
	}

	@Test
	void answersARetriedOrderWithTheSameOrderAndItsExpiredHoldWithTheSameRefusal() throws Exception {
		String drop = this.fixtures.openDrop(5, 2, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation paid = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		String key = UUID.randomUUID().toString();

		List<Object> placed = Concurrently.run(10, i -> order(paid, fan, GOOD_CARD, SHIPPING, key));

		assertThat(placed).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Order.class));
		assertThat(placed.stream().distinct()).hasSize(1);
		assertThat(order(paid, fan, GOOD_CARD, SHIPPING, key)).isEqualTo(placed.getFirst());

		Reservation lapsed = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		this.jdbc.update("update reservations set expires_at = now() - interval '1 second' where id = ?", lapsed.id());
		String lapsedKey = UUID.randomUUID().toString();
		assertThat(order(lapsed, fan, GOOD_CARD, SHIPPING, lapsedKey)).isEqualTo(Reason.NOT_HELD);
		assertThat(order(lapsed, fan, GOOD_CARD, SHIPPING, lapsedKey)).isEqualTo(Reason.NOT_HELD);
	}

	@Test
	void answersARetriedOrderWithTheDayAndSlotItBooked() {
		String drop = this.fixtures.openDrop(5, 2, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		Fulfilment pickup = new Fulfilment(Fulfilment.Method.PICKUP, "north-hub", null, null, null, null,
				LocalDate.of(2026, 12, 3), LocalTime.of(14, 0));
		String key = UUID.randomUUID().toString();

		Object first = order(hold, fan, GOOD_CARD, pickup, key);

		assertThat(first).isInstanceOfSatisfying(Order.class,
				placed -> assertThat(placed.fulfilment()).isEqualTo(pickup));
		assertThat(order(hold, fan, GOOD_CARD, pickup, key)).isEqualTo(first);
		assertThat(this.orders.ordersOf(fan)).singleElement()
			.satisfies(listed -> assertThat(listed.fulfilment()).isEqualTo(pickup));
	}

	@Test
	void forgetsKeptAnswersAfterTheRetentionButNeverWithinADay() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(3);
		this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		String old = UUID.randomUUID().toString();
		String recent = UUID.randomUUID().toString();
		reserve(drop, fans.get(1), 1, old);
		reserve(drop, fans.get(2), 1, recent);
		this.jdbc.update("update checkout_idempotency set created_at = now() - interval '25 hours' "
				+ "where idempotency_key = ?", old);
		this.jdbc.update("update checkout_idempotency set created_at = now() - interval '23 hours' "
				+ "where idempotency_key = ?", recent);

		new AnswerCleanup(this.answers, Duration.ofHours(1), Clock.systemUTC()).forgetOldAnswers();

		assertThat(this.answers.find(fans.get(1), IdempotentAnswers.Operation.RESERVE, old)).isEmpty();
		assertThat(this.answers.find(fans.get(2), IdempotentAnswers.Operation.RESERVE, recent)).isPresent();
	}

	private Object reserve(String drop, AccountId fan, int quantity, String key) {
		try {
			return this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, quantity, fan, key));
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	private CheckoutRefusedException refusal(String drop, AccountId fan, String key) {
		try {
			this.checkout.reserve(CheckoutFixtures.one(drop, fan, key));
			throw new AssertionError("Expected a refusal");
		}
		catch (CheckoutRefusedException ex) {
			return ex;
		}
	}

	private Object order(Reservation hold, AccountId fan, String card, Fulfilment fulfilment, String key) {
		try {
			return this.orders.placeOrder(new PlaceOrder(hold.id(), fan, card, fulfilment), key);
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	private CheckoutRefusedException orderRefusal(Reservation hold, AccountId fan, String card, String key) {
		try {
			this.orders.placeOrder(new PlaceOrder(hold.id(), fan, card, SHIPPING), key);
			throw new AssertionError("Expected a refusal");
		}
		catch (CheckoutRefusedException ex) {
			return ex;
		}
	}

}
