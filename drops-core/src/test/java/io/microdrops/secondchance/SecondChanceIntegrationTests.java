package io.microdrops.secondchance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Channel;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.DropSales;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PaymentProvider;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.recognition.Recognition;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.MovableClock;
import io.microdrops.waitlist.WaitlistManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Second chances against the real database, driven by a test clock: a pickup nobody
 * collected is refunded once and its edition offered down the drop's waitlist, one fan at
 * a time, until someone buys it; a hold that runs out on a sold-out item does the same;
 * the chain stops when the drop closes; a hold that runs out while units are still on
 * sale simply goes back on sale. The job's schedule is pushed out of the way; each test
 * drives it.
 */
@SpringBootTest(properties = { "drops.second-chance.initial-delay=PT1H", "drops.draw.initial-delay=PT1H",
		"drops.second-chance.offer-window=PT24H" })
@Import(SecondChanceIntegrationTests.Setup.class)
class SecondChanceIntegrationTests {

	static final Instant NOW = Instant.parse("2033-03-03T12:00:00Z");

	static final Fulfilment SHIPPING = new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Vinyl Lane, Leeds LS1");

	static final String CARD = "4242424242424242";

	@Autowired
	SecondChances secondChances;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	DropManagement drops;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	Offers offers;

	@Autowired
	CountingPayments payments;

	@Autowired
	DropSales sales;

	@Autowired
	Recognition recognition;

	@BeforeEach
	void setUp() {
		this.clock.set(NOW);
	}

	@Test
	void offersANoShowsEditionDownTheWaitlistUntilAFanBuysIt() {
		String drop = drop(1, Duration.ofDays(7));
		List<AccountId> fans = fans(4);
		AccountId buyer = fans.get(0);
		AccountId first = fans.get(1);
		AccountId second = fans.get(2);
		AccountId third = fans.get(3);
		fans.forEach(fan -> this.waitlists.join(drop, fan));
		Order order = buy(drop, buyer);
		assertThat(order.editions()).containsExactly(1);

		assertThat(this.orders.takeBackUncollected(order.id())).isTrue();
		assertThat(this.orders.takeBackUncollected(order.id())).as("taken back once").isFalse();

		assertThat(this.payments.refunds()).containsOnlyOnce("demo_" + order.reservation());
		assertThat(this.orders.find(order.id(), buyer).orElseThrow().paymentStatus())
			.isEqualTo(Order.PaymentStatus.REFUNDED);
		assertThat(this.jdbc.queryForObject("select status from orders where id = ?", String.class, order.id()))
			.isEqualTo("NO_SHOW");
		assertThat(this.secondChances.runDue()).isEqualTo(1);
		SecondChances.FanOffer offered = this.secondChances.openOffersOf(first).getFirst();
		assertThat(offered.edition()).as("the same edition, back from the shelf").isEqualTo(1);
		assertThat(offered.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
		assertThat(this.checkout.find(offered.reservation(), first).orElseThrow().status())
			.isEqualTo(Reservation.Status.HELD);
		assertThat(this.offers.to(drop)).extracting(SecondChanceOffered::fan).containsExactly(first);
		assertUnitsAddUp(drop, 1);

		this.clock.set(NOW.plus(Duration.ofHours(25)));
		releaseExpired();
		assertThat(this.secondChances.runDue()).isEqualTo(1);

		assertThat(this.secondChances.openOffersOf(first)).isEmpty();
		SecondChances.FanOffer passed = this.secondChances.openOffersOf(second).getFirst();
		assertThat(passed.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(24)));
		Order bought = this.orders.placeOrder(new PlaceOrder(passed.reservation(), second, CARD, SHIPPING));
		assertThat(bought.editions()).containsExactly(1);

		this.clock.set(NOW.plus(Duration.ofHours(60)));
		releaseExpired();
		assertThat(this.secondChances.runDue()).isZero();
		assertThat(statuses(drop)).containsExactly("PASSED_ON", "CLAIMED");
		assertThat(this.secondChances.openOffersOf(third)).isEmpty();
		assertThat(this.offers.to(drop)).extracting(SecondChanceOffered::fan).containsExactly(first, second);
		assertThat(this.payments.refunds()).containsOnlyOnce("demo_" + order.reservation());
		assertUnitsAddUp(drop, 1);
	}

	@Test
	void takesBackACancelledOrderOnceAndOffersItsEditionToTheNextWaitlistedFan() {
		// Closes before the other tests move the clock on: its offer is passed to nobody.
		String drop = drop(1, Duration.ofHours(5));
		List<AccountId> fans = fans(3);
		AccountId buyer = fans.get(0);
		AccountId first = fans.get(1);
		fans.forEach(fan -> this.waitlists.join(drop, fan));
		Order order = buy(drop, buyer);
		DropId id = new DropId(this.jdbc.queryForObject("select id from drops where slug = ?", UUID.class, drop));
		assertThat(this.sales.of(id).fansServed()).isEqualTo(1);
		assertThat(this.recognition.collectionOf(buyer).editions()).extracting(Recognition.OwnedEdition::order)
			.containsExactly(order.id());

		assertThat(this.orders.takeBackCancelled(order.id())).isTrue();
		assertThat(this.orders.takeBackCancelled(order.id())).as("taken back once").isFalse();
		assertThat(this.orders.takeBackUncollected(order.id())).as("nor again for another cause").isFalse();

		assertThat(this.payments.refunds()).containsOnlyOnce("demo_" + order.reservation());
		assertThat(this.orders.find(order.id(), buyer).orElseThrow().paymentStatus())
			.isEqualTo(Order.PaymentStatus.REFUNDED);
		assertThat(this.jdbc.queryForObject("select status from orders where id = ?", String.class, order.id()))
			.isEqualTo("CANCELLED");
		assertThat(this.jdbc.queryForList(
				"select cause from second_chance_offers o join drops d on d.id = o.drop_id where d.slug = ?",
				String.class, drop))
			.containsExactly("CANCELLED");
		assertThat(this.secondChances.runDue()).isEqualTo(1);
		SecondChances.FanOffer offered = this.secondChances.openOffersOf(first).getFirst();
		assertThat(offered.edition()).as("the same edition, back from the shelf").isEqualTo(1);
		assertThat(this.offers.to(drop)).extracting(SecondChanceOffered::fan).containsExactly(first);
		assertUnitsAddUp(drop, 1);
		assertThat(this.sales.of(id).channels()).as("the cancelled order's unit is not sold; it is held again")
			.extracting(DropSales.ItemChannel::channel, DropSales.ItemChannel::sold, DropSales.ItemChannel::held)
			.containsExactly(tuple(Channel.SECOND_CHANCE, 0, 1));
		assertThat(this.sales.of(id).fansServed()).as("refunded, not served").isZero();
		assertThat(this.sales.of(id).fulfilment()).isEmpty();
		assertThat(this.recognition.collectionOf(buyer).editions()).as("not theirs any more").isEmpty();
	}

	@Test
	void offersAnEditionWhoseHoldRanOutOnASoldOutItemAndStopsWhenTheDropCloses() {
		String drop = drop(1, Duration.ofHours(30));
		List<AccountId> fans = fans(3);
		AccountId holder = fans.get(0);
		AccountId first = fans.get(1);
		AccountId second = fans.get(2);
		fans.forEach(fan -> this.waitlists.join(drop, fan));
		Reservation held = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, holder, null));

		this.clock.set(NOW.plus(Duration.ofMinutes(11)));
		releaseExpired();
		assertThat(this.checkout.find(held.id(), holder).orElseThrow().status()).isEqualTo(Reservation.Status.EXPIRED);
		assertThat(this.secondChances.runDue()).isEqualTo(1);

		SecondChances.FanOffer offered = this.secondChances.openOffersOf(first).getFirst();
		assertThat(offered.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(24)));
		assertUnitsAddUp(drop, 1);

		// The drop closes before the next fan's turn would end: the chain stops.
		this.clock.set(NOW.plus(Duration.ofHours(31)));
		releaseExpired();
		assertThat(this.secondChances.runDue()).isZero();

		assertThat(statuses(drop)).containsExactly("PASSED_ON");
		assertThat(this.secondChances.openOffersOf(second)).isEmpty();
		assertThat(this.offers.to(drop)).extracting(SecondChanceOffered::fan).containsExactly(first);
		assertUnitsAddUp(drop, 1);
	}

	@Test
	void capsAnOfferAtTheDropsClosing() {
		String drop = drop(1, Duration.ofHours(5));
		List<AccountId> fans = fans(2);
		fans.forEach(fan -> this.waitlists.join(drop, fan));
		Order order = buy(drop, fans.get(0));

		this.orders.takeBackUncollected(order.id());
		this.secondChances.runDue();

		assertThat(this.secondChances.openOffersOf(fans.get(1)).getFirst().expiresAt())
			.isEqualTo(NOW.plus(Duration.ofHours(5)));
	}

	@Test
	void makesNoOfferTooShortToUseAndPutsTheUnitBackOnSaleForTheLastMinutes() {
		String drop = drop(1, Duration.ofMinutes(10));
		List<AccountId> fans = fans(3);
		fans.subList(0, 2).forEach(fan -> this.waitlists.join(drop, fan));
		Order order = buy(drop, fans.get(0));

		this.orders.takeBackUncollected(order.id());
		assertThat(this.secondChances.runDue()).isZero();

		assertThat(this.secondChances.openOffersOf(fans.get(1))).isEmpty();
		assertThat(statuses(drop)).as("no fan's second chance spent on it").isEmpty();
		assertThat(this.offers.to(drop)).isEmpty();
		Reservation last = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fans.get(2), null));
		assertThat(last.quantity()).isEqualTo(1);
	}

	@Test
	void putsAUnitWhoseHoldRanOutBackOnSaleWhileOthersAreStillOnSale() {
		String drop = drop(3, Duration.ofDays(7));
		List<AccountId> fans = fans(2);
		fans.forEach(fan -> this.waitlists.join(drop, fan));
		this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fans.get(0), null));

		this.clock.set(NOW.plus(Duration.ofMinutes(11)));
		releaseExpired();

		assertThat(this.secondChances.runDue()).isZero();
		assertThat(statuses(drop)).isEmpty();
		assertThat(this.drops.view(drop).items().getFirst().remaining()).isEqualTo(3);
	}

	// Every hold that ran out by the moved clock, also those other tests left behind.
	private void releaseExpired() {
		while (this.checkout.releaseExpired(500) > 0) {
			// next batch
		}
	}

	private Order buy(String drop, AccountId fan) {
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null));
		return this.orders.placeOrder(new PlaceOrder(hold.id(), fan, CARD, SHIPPING));
	}

	private void assertUnitsAddUp(String drop, int quantity) {
		Long units = this.jdbc
			.queryForObject("select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id"
					+ " join drops d on d.id = i.drop_id where d.slug = ?", Long.class, drop);
		Long sold = this.jdbc.queryForObject(
				"select count(*) from drop_units u join drop_items i on i.id ="
						+ " u.drop_item_id join drops d on d.id = i.drop_id where d.slug = ? and u.sold",
				Long.class, drop);
		Long held = this.jdbc.queryForObject(
				"select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id join drops d on d.id ="
						+ " i.drop_id where d.slug = ? and u.reservation_id is not null and not u.sold",
				Long.class, drop);
		Long free = this.jdbc.queryForObject(
				"select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id join drops d on d.id ="
						+ " i.drop_id where d.slug = ? and u.reservation_id is null and not u.sold",
				Long.class, drop);
		assertThat(units).isEqualTo(quantity);
		assertThat(held + sold + free).as("held + sold + free").isEqualTo(quantity);
		Long paidEditions = this.jdbc
			.queryForObject(
					"select coalesce(sum(o.quantity), 0) from orders o join drop_items i on i.id = o.drop_item_id"
							+ " join drops d on d.id = i.drop_id where d.slug = ? and o.status = 'PAID'",
					Long.class, drop);
		assertThat(sold).as("every sold unit belongs to a paid order").isEqualTo(paidEditions);
	}

	private List<String> statuses(String drop) {
		return this.jdbc.queryForList(
				"select o.status from second_chance_offers o join drops d on d.id = o.drop_id where d.slug = ?"
						+ " order by o.created_at",
				String.class, drop);
	}

	/** A first-come drop of one item, open since an hour ago, with a ten-minute hold. */
	private String drop(int quantity, Duration closesIn) {
		String slug = "sc-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("Second chances " + slug, "Tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "GBP"), quantity, null, null));
		this.drops.createDraft(slug, new DropPlan("Drop " + slug, community.id(), AccessMode.FIRST_COME,
				new Timeline(NOW.minus(Duration.ofHours(2)), null, NOW.minus(Duration.ofHours(1)), NOW.plus(closesIn)),
				10, null, List.of(new NewDropItem(sku.id(), quantity, 1))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	@Test
	void passesOverWaitlistedFansWithoutAConfirmedAddress() {
		String drop = drop(1, Duration.ofDays(7));
		List<AccountId> fans = fans(3);
		AccountId unconfirmed = fans.get(1);
		this.jdbc.update("update accounts set email_confirmed_at = null where id = ?", unconfirmed.value());
		fans.forEach(fan -> this.waitlists.join(drop, fan));
		Order order = buy(drop, fans.get(0));

		this.orders.takeBackUncollected(order.id());
		this.secondChances.runDue();

		assertThat(this.secondChances.openOffersOf(unconfirmed)).as("would never hear of it").isEmpty();
		assertThat(this.secondChances.openOffersOf(fans.get(2))).hasSize(1);
		DropId id = new DropId(this.jdbc.queryForObject("select id from drops where slug = ?", UUID.class, drop));
		assertThat(this.sales.of(id).channels()).as("the no-show's unit is not sold; it is held as a second chance")
			.extracting(DropSales.ItemChannel::channel, DropSales.ItemChannel::sold, DropSales.ItemChannel::held)
			.containsExactly(tuple(Channel.SECOND_CHANCE, 0, 1));
		assertThat(this.sales.of(id).fansServed()).as("refunded, not served").isZero();
	}

	private List<AccountId> fans(int count) {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		List<UUID> ids = this.jdbc.queryForList(
				"""
						insert into accounts (id, email, display_name, password_hash, enabled, created_at, email_confirmed_at)
						select gen_random_uuid(), 'sc-' || g || '-' || ? || '@example.com', 'Fan ' || g, '{noop}unused', true, now(), now()
						from generate_series(1, ?) g order by g returning id
						""",
				UUID.class, batch, count);
		this.jdbc.batchUpdate("insert into account_roles (account_id, role) values (?, 'FAN')",
				ids.stream().map(id -> new Object[] { id }).toList());
		return ids.stream().map(AccountId::new).toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(NOW);
		}

		@Bean
		Offers offers() {
			return new Offers();
		}

		@Bean
		@Primary
		CountingPayments countingPayments() {
			return new CountingPayments();
		}

	}

	/** Approves the test card and counts refunds. */
	static class CountingPayments implements PaymentProvider {

		private final List<String> refunds = new CopyOnWriteArrayList<>();

		@Override
		public PaymentResult charge(Charge charge) {
			return new PaymentResult(true, "demo_" + charge.reservationId(), null);
		}

		@Override
		public void refund(String reference) {
			this.refunds.add(reference);
		}

		@Override
		public String name() {
			return "counting";
		}

		List<String> refunds() {
			return this.refunds;
		}

	}

	/** Records the second-chance offers that were committed. */
	static class Offers {

		private final List<SecondChanceOffered> events = new CopyOnWriteArrayList<>();

		@TransactionalEventListener
		void on(SecondChanceOffered event) {
			this.events.add(event);
		}

		List<SecondChanceOffered> to(String drop) {
			return this.events.stream().filter(event -> event.dropSlug().equals(drop)).toList();
		}

	}

}
