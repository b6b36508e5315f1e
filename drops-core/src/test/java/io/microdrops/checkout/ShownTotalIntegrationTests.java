package io.microdrops.checkout;

import java.time.Instant;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A fan pays the total they were shown: when the price changed while the checkout page
 * was open, nothing is charged, the hold stays, and paying with the new total goes
 * through.
 */
@SpringBootTest
class ShownTotalIntegrationTests {

	static final Fulfilment SHIPPING = new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Price Lane, Leeds LS1");

	static final String CARD = "4242424242424242";

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

	CheckoutFixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
	}

	@Test
	void chargesTheTotalShown() {
		String drop = this.fixtures.openDrop(5, 2, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, fan, null));

		Order order = this.orders.placeOrder(new PlaceOrder(hold.id(), fan, CARD, SHIPPING,
				new PlaceOrder.Total(2 * CheckoutFixtures.PRICE_MINOR, "EUR")));

		assertThat(order.totalMinor()).isEqualTo(2 * CheckoutFixtures.PRICE_MINOR);
		assertThat(order.currency()).isEqualTo("EUR");
	}

	@Test
	void refusesToChargeAnotherTotalThanTheOneShownAndKeepsTheHold() {
		String drop = this.fixtures.openDrop(5, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		PlaceOrder.Total shown = new PlaceOrder.Total(CheckoutFixtures.PRICE_MINOR, "EUR");
		// The merchandiser corrects the price while the fan's page is open.
		this.jdbc.update("update skus set price_minor = ? where slug = ?", 4200, "sku-" + drop);

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders.placeOrder(new PlaceOrder(hold.id(), fan, CARD, SHIPPING, shown), "key-1"))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.PRICE_CHANGED);
				assertThat(ex.currentTotal()).isEqualTo(new PlaceOrder.Total(4200, "EUR"));
			});
		assertThat(ordersOf(hold)).isZero();
		assertThat(this.jdbc.queryForMap("select status, paying from reservations where id = ?", hold.id()))
			.containsEntry("status", "HELD")
			.containsEntry("paying", 0);

		// A currency changed is another total too.
		this.jdbc.update("update skus set currency = 'GBP' where slug = ?", "sku-" + drop);
		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders
				.placeOrder(new PlaceOrder(hold.id(), fan, CARD, SHIPPING, new PlaceOrder.Total(4200, "EUR")), "key-1"))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.PRICE_CHANGED));

		// Shown the new total, the fan pays again, under the same key.
		Order order = this.orders
			.placeOrder(new PlaceOrder(hold.id(), fan, CARD, SHIPPING, new PlaceOrder.Total(4200, "GBP")), "key-1");
		assertThat(order.totalMinor()).isEqualTo(4200);
		assertThat(order.currency()).isEqualTo("GBP");
	}

	@Test
	void chargesWhatTheHoldCostsWhenNoTotalWasShown() {
		String drop = this.fixtures.openDrop(5, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		this.jdbc.update("update skus set price_minor = ? where slug = ?", 4200, "sku-" + drop);

		assertThat(this.orders.placeOrder(new PlaceOrder(hold.id(), fan, CARD, SHIPPING)).totalMinor()).isEqualTo(4200);
	}

	private long ordersOf(Reservation hold) {
		return this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?", Long.class, hold.id());
	}

}
