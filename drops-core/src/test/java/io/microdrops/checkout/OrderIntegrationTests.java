package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@Import(OrderIntegrationTests.PlacedOrders.class)
class OrderIntegrationTests {

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
	PlacedOrders placed;

	@Test
	void turnsAPaidHoldIntoOneOrderWithItsEditionsAndTotal() {
		String drop = openDrop(3);
		AccountId fan = fan();
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, fan, null));

		Order order = this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242 4242 4242 4242", SHIPPING));

		assertThat(order.number()).startsWith("D-");
		assertThat(order.editions()).isEqualTo(hold.editions());
		assertThat(order.editionSize()).isEqualTo(200);
		assertThat(order.totalMinor()).isEqualTo(2 * 2450);
		assertThat(order.currency()).isEqualTo("GBP");
		assertThat(order.paymentProvider()).isEqualTo("demo — no money moves");
		assertThat(this.jdbc.queryForObject("select count(*) from drop_units where reservation_id = ? and sold",
				Long.class, hold.id()))
			.isEqualTo(2);
		assertThat(this.placed.numbers()).containsOnlyOnce(order.number());
		assertThat(this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242", SHIPPING)).id())
			.isEqualTo(order.id());
		assertThat(this.orders.ordersOf(fan)).extracting(Order::id).containsExactly(order.id());
	}

	@Test
	void placesOneOrderWhenTheSamePaymentIsSubmittedTenTimesAtOnce() throws Exception {
		String drop = openDrop(2);
		AccountId fan = fan();
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null));

		List<Order> placed = Concurrently.run(10,
				attempt -> this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242", SHIPPING)));

		assertThat(placed.stream().map(Order::id).distinct()).hasSize(1);
		assertThat(
				this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?", Long.class, hold.id()))
			.isEqualTo(1);
	}

	@Test
	void keepsTheHoldWhenTheCardIsDeclined() {
		String drop = openDrop(1);
		AccountId fan = fan();
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null));

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4000000000000002", SHIPPING)))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.PAYMENT_DECLINED);
				assertThat(ex.getMessage()).contains("declined");
			});
		assertThat(this.checkout.find(hold.id(), fan))
			.hasValueSatisfying(still -> assertThat(still.status()).isEqualTo(Reservation.Status.HELD));
	}

	@Test
	void refusesToChargeForAHoldThatHasExpired() {
		String drop = openDrop(1);
		AccountId fan = fan();
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null));
		this.jdbc.update("update reservations set expires_at = now() - interval '1 second' where id = ?", hold.id());

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242", SHIPPING)))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.NOT_HELD));
		assertThat(
				this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?", Long.class, hold.id()))
			.isZero();
	}

	@Test
	void findsNoHoldOrOrderOfAnotherFan() {
		String drop = openDrop(1);
		AccountId fan = fan();
		AccountId other = fan();
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null));

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders.placeOrder(new PlaceOrder(hold.id(), other, "4242424242424242", SHIPPING)))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.NOT_FOUND));
		Order order = this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242", SHIPPING));
		assertThat(this.orders.find(order.id(), other)).isEmpty();
		assertThat(this.orders.ordersOf(other)).isEmpty();
	}

	@Test
	void refusesAnIncompleteFulfilmentChoiceBeforeCharging() {
		String drop = openDrop(1);
		AccountId fan = fan();
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null));

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242",
					new Fulfilment(Fulfilment.Method.PICKUP, " ", null))))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_FULFILMENT));
	}

	private String openDrop(int perFanLimit) {
		String slug = "or-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("Orders " + slug, "Order tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "GBP"), 200, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), AccessMode.FIRST_COME,
						new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofMinutes(1)),
								now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), 10, perFanLimit))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	private AccountId fan() {
		UUID id = this.jdbc.queryForObject(
				"""
						insert into accounts (id, email, display_name, password_hash, enabled, created_at)
						values (gen_random_uuid(), 'buyer-' || gen_random_uuid() || '@example.com', 'Buyer', '{noop}x', true, now())
						returning id
						""",
				UUID.class);
		this.jdbc.update("insert into account_roles (account_id, role) values (?, 'FAN')", id);
		return new AccountId(id);
	}

	@TestConfiguration
	static class PlacedOrders {

		private final List<String> numbers = new CopyOnWriteArrayList<>();

		@EventListener
		void on(OrderPlaced event) {
			this.numbers.add(event.number());
		}

		List<String> numbers() {
			return this.numbers;
		}

	}

}
