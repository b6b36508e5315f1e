package io.microdrops.checkout;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A hold is judged when the fan presses Pay: a hold that runs out while the payment
 * provider answers is neither released to another fan meanwhile nor refused (charged and
 * refunded) afterwards; a hold released while paying is refunded and says so.
 */
@SpringBootTest
@Import(PaymentInFlightIntegrationTests.PausingPayments.class)
class PaymentInFlightIntegrationTests {

	static final Fulfilment SHIPPING = new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Vinyl Lane, Leeds LS1");

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PausingProvider payments;

	CheckoutFixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
	}

	@AfterEach
	void noPause() {
		this.payments.during.set(null);
		this.payments.refunds.set(0);
	}

	@Test
	void aHoldThatRunsOutWhileThePaymentGoesThroughIsOrderedNotReleased() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(2);
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		AtomicReference<Reservation.Status> meanwhile = new AtomicReference<>();
		AtomicReference<Object> otherFan = new AtomicReference<>();
		AtomicReference<Boolean> inFlight = new AtomicReference<>();
		this.payments.during.set(() -> {
			// While the provider answers, the hold runs out and the expiry job runs;
			// another
			// fan reaches for the unit.
			this.fixtures.expireHolds(drop);
			this.checkout.releaseExpired(100);
			meanwhile.set(this.checkout.find(hold.id(), fans.get(0)).orElseThrow().status());
			inFlight.set(this.checkout.paymentInFlight(hold.id(), fans.get(0)));
			otherFan.set(attempt(() -> this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(1), null))));
		});

		Order order = this.orders.placeOrder(new PlaceOrder(hold.id(), fans.get(0), "4242424242424242", SHIPPING));

		assertThat(order.status()).isEqualTo(Order.Status.PAID);
		assertThat(meanwhile.get()).as("the hold while its payment was in flight").isEqualTo(Reservation.Status.HELD);
		assertThat(inFlight.get()).as("told as in flight meanwhile").isTrue();
		assertThat(this.checkout.paymentInFlight(hold.id(), fans.get(0))).as("not once ordered").isFalse();
		assertThat(this.checkout.paymentInFlight(hold.id(), fans.get(1))).as("another fan's").isFalse();
		assertThat(otherFan.get()).isEqualTo(Reason.SOLD_OUT);
		assertThat(this.payments.refunds.get()).isZero();
		assertThat(this.fixtures.heldPlusSold(drop)).isEqualTo(1);
	}

	@Test
	void aSecondPayAfterTheHoldRanOutWhileTheFirstIsInFlightGetsTheSameOrder() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		PlaceOrder pay = new PlaceOrder(hold.id(), fan, "4242424242424242", SHIPPING);
		AtomicReference<Object> second = new AtomicReference<>();
		this.payments.during.set(() -> {
			// A double click lands after the hold ran out, while the first is paying.
			this.fixtures.expireHolds(drop);
			second.set(placing(() -> this.orders.placeOrder(pay)));
		});

		Order first = this.orders.placeOrder(pay);

		assertThat(second.get()).isInstanceOf(Order.class);
		assertThat(((Order) second.get()).id()).isEqualTo(first.id());
		assertThat(this.payments.refunds.get()).isZero();
	}

	@Test
	void aHoldReleasedWhileThePaymentGoesThroughIsRefundedAndSaysSo() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		// The fan gives the units back in another tab while paying.
		this.payments.during.set(() -> this.checkout.release(hold.id(), fan));

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242", SHIPPING)))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.NOT_HELD);
				assertThat(ex.refunded()).isTrue();
			});
		assertThat(this.payments.refunds.get()).isEqualTo(1);
		assertThat(
				this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?", Long.class, hold.id()))
			.isZero();
	}

	@Test
	void aDeclinedPaymentLetsTheHoldBeReleasedWhenItRunsOut() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4000000000000002", SHIPPING)))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.PAYMENT_DECLINED));
		assertThat(this.jdbc.queryForObject("select paying from reservations where id = ?", Integer.class, hold.id()))
			.as("payments in flight")
			.isZero();
		assertThat(this.fixtures.expireHolds(drop)).containsExactly(hold.id());
		this.checkout.releaseExpired(100);
		assertThat(this.checkout.find(hold.id(), fan))
			.hasValueSatisfying(released -> assertThat(released.status()).isEqualTo(Reservation.Status.EXPIRED));
	}

	@Test
	void aHoldWhosePaymentNeverEndedIsReleasedOnceThePaymentWindowHasPassed() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		// As left by a node that went away mid-payment.
		this.jdbc.update("update reservations set paying = 1, paying_until = now() + interval '1 minute', "
				+ "expires_at = now() - interval '1 second' where id = ?", hold.id());
		this.checkout.releaseExpired(100);
		assertThat(this.checkout.find(hold.id(), fan).orElseThrow().status()).isEqualTo(Reservation.Status.HELD);

		this.jdbc.update("update reservations set paying_until = now() - interval '1 second' where id = ?", hold.id());
		this.checkout.releaseExpired(100);
		assertThat(this.checkout.find(hold.id(), fan).orElseThrow().status()).isEqualTo(Reservation.Status.EXPIRED);
	}

	private static Object placing(Supplier<Order> place) {
		try {
			return place.get();
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	private static Object attempt(Supplier<Reservation> reserve) {
		try {
			return reserve.get();
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	/**
	 * The demo provider, running a step of the test while it charges, and counting
	 * refunds.
	 */
	static class PausingProvider extends DemoPaymentProvider {

		final AtomicReference<Runnable> during = new AtomicReference<>();

		final AtomicInteger refunds = new AtomicInteger();

		@Override
		public PaymentResult charge(Charge charge) {
			PaymentResult result = super.charge(charge);
			Runnable step = this.during.getAndSet(null);
			if (step != null) {
				step.run();
			}
			return result;
		}

		@Override
		public void refund(String reference) {
			this.refunds.incrementAndGet();
		}

	}

	@TestConfiguration
	static class PausingPayments {

		@Bean
		@Primary
		PausingProvider pausingPayments() {
			return new PausingProvider();
		}

	}

}
