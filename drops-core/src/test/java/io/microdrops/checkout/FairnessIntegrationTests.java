package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.FairnessRules;
import io.microdrops.testsupport.Concurrently;
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

@SpringBootTest
@Import(FairnessIntegrationTests.CountedPayments.class)
class FairnessIntegrationTests {

	static final String CARD = "4242 4242 4242 4242";

	static final FairnessRules ACROSS_CARDS = new FairnessRules(true, false, false, null, false, null, null);

	static final FairnessRules ACROSS_ADDRESSES = new FairnessRules(false, true, false, null, false, null, null);

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	RefusedAttempts refused;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CountingProvider payments;

	CheckoutFixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
	}

	@Test
	void sellsExactlyTheLimitWhenEightAccountsSharingACardPayAtOnce() throws Exception {
		String drop = drop(ACROSS_CARDS, 2);
		List<AccountId> fans = this.fixtures.fans(8);
		List<Reservation> holds = fans.stream()
			.map(fan -> this.checkout.reserve(CheckoutFixtures.one(drop, fan, null)))
			.toList();

		List<Object> outcomes = Concurrently.run(8, index -> pay(holds.get(index), fans.get(index), CARD,
				OrderIntegrationTests.SHIPPING.address() + " " + index));

		assertThat(outcomes).filteredOn(Order.class::isInstance).hasSize(2);
		assertThat(outcomes).filteredOn(outcome -> !(outcome instanceof Order))
			.hasSize(6)
			.allMatch(outcome -> outcome.equals("IDENTITY_CAP CARD"));
		assertThat(soldOf(drop)).isEqualTo(2);
		// Whoever was charged and then refused got the money back.
		assertThat(this.payments.netCharges(holds)).isEqualTo(2);
		// The refused keep their holds until they run out, for another card.
		assertThat(
				this.jdbc.queryForObject("select count(*) from reservations where drop_item_id = ? and status = 'HELD'",
						Long.class, this.fixtures.itemOf(drop)))
			.isEqualTo(6);
	}

	@Test
	void sellsExactlyTheLimitWhenAccountsShareOneAddressWrittenInDifferentWays() throws Exception {
		String drop = drop(ACROSS_ADDRESSES, 1);
		List<String> addresses = List.of("12 Rose Street, Flat 2, Leeds", "12 rose st. flat 2 leeds",
				"  12  ROSE   STREET -- FLAT 2  LEEDS ", "12 Rosé Street; Apartment 2; Leeds",
				"12 Rose St, Flat 2, Leeds");
		List<AccountId> fans = this.fixtures.fans(addresses.size());
		List<Reservation> holds = fans.stream()
			.map(fan -> this.checkout.reserve(CheckoutFixtures.one(drop, fan, null)))
			.toList();

		List<Object> outcomes = Concurrently.run(addresses.size(),
				index -> pay(holds.get(index), fans.get(index), CARD, addresses.get(index)));

		assertThat(outcomes).filteredOn(Order.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(outcome -> !(outcome instanceof Order))
			.hasSize(addresses.size() - 1)
			.allMatch(outcome -> outcome.equals("IDENTITY_CAP ADDRESS"));
		assertThat(soldOf(drop)).isEqualTo(1);
	}

	@Test
	void refusesAnotherAccountWithTheSameCardBeforeChargingIt() {
		String drop = drop(ACROSS_CARDS, 1);
		List<AccountId> fans = this.fixtures.fans(2);
		Reservation first = this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		Reservation second = this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(1), null));
		this.orders.placeOrder(new PlaceOrder(first.id(), fans.get(0), CARD, OrderIntegrationTests.SHIPPING));
		this.refused.flush();
		long before = countedIdentityCaps(drop);

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.orders.placeOrder(
					new PlaceOrder(second.id(), fans.get(1), "4242-4242-4242-4242", OrderIntegrationTests.SHIPPING)))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.IDENTITY_CAP);
				assertThat(ex.getMessage()).isEqualTo("CARD");
			});
		assertThat(this.payments.charges(second)).isZero();
		this.refused.flush();
		assertThat(countedIdentityCaps(drop)).isEqualTo(before + 1);
	}

	@Test
	void storesOnlyKeyedHashesOfTheCardAndTheAddress() {
		String drop = drop(new FairnessRules(true, true, false, null, false, null, null), 1);
		AccountId fan = this.fixtures.fans(1).get(0);
		Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		Order order = this.orders.placeOrder(
				new PlaceOrder(hold.id(), fan, CARD, new Fulfilment(Fulfilment.Method.SHIPPING, null, "9 Oak Road")));

		List<Map<String, Object>> identities = this.jdbc.queryForList(
				"select kind, identity_hash from order_identities where order_id = ? order by kind", order.id());
		assertThat(identities).extracting(row -> row.get("kind")).containsExactly("ADDRESS", "CARD");
		assertThat(identities).extracting(row -> (String) row.get("identity_hash"))
			.allMatch(hash -> hash.matches("[0-9a-f]{64}"))
			.noneMatch(hash -> hash.contains("4242"));
	}

	@Test
	void letsAccountsSharingACardBuyWhenTheDropDoesNotCountCards() {
		String drop = drop(FairnessRules.NONE, 1);
		List<AccountId> fans = this.fixtures.fans(3);
		for (AccountId fan : fans) {
			Reservation hold = this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
			this.orders.placeOrder(new PlaceOrder(hold.id(), fan, CARD, OrderIntegrationTests.SHIPPING));
		}

		assertThat(soldOf(drop)).isEqualTo(3);
		assertThat(this.jdbc.queryForObject("select count(*) from order_identities where drop_item_id = ?", Long.class,
				this.fixtures.itemOf(drop)))
			.isZero();
	}

	@Test
	void refusesAReservationFromAnAccountWithoutAConfirmedEmailAndCountsIt() {
		String drop = drop(new FairnessRules(false, false, true, null, false, null, null), 1);
		AccountId fan = this.fixtures.fans(1).get(0);
		this.refused.flush();
		long before = countedRequirementRefusals(drop);

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(CheckoutFixtures.one(drop, fan, null)))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.ACCOUNT_REQUIREMENT);
				assertThat(ex.getMessage()).isEqualTo("CONFIRMED_EMAIL");
			});
		this.refused.flush();
		assertThat(countedRequirementRefusals(drop)).isEqualTo(before + 1);

		this.jdbc.update("update accounts set email_confirmed_at = now() where id = ?", fan.value());
		assertThat(this.checkout.reserve(CheckoutFixtures.one(drop, fan, null)).quantity()).isEqualTo(1);
	}

	@Test
	void refusesAccountsCreatedAfterTheAnnouncementAndLetsOlderOnesReserve() {
		String drop = drop(new FairnessRules(false, false, false, null, true, null, null), 1);
		List<AccountId> fans = this.fixtures.fans(2);
		// The fixture's drop was announced two hours ago.
		this.jdbc.update("update accounts set created_at = now() - interval '3 hours' where id = ?",
				fans.get(0).value());

		assertThat(this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null)).quantity()).isEqualTo(1);
		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(1), null)))
			.satisfies(ex -> assertThat(ex.getMessage()).isEqualTo("CREATED_BEFORE_ANNOUNCEMENT"));
	}

	@Test
	void refusesAccountsYoungerThanTheMinimumAgeAndAccountsCreatedAfterTheMoment() {
		String young = drop(new FairnessRules(false, false, false, null, false, 7, null), 1);
		String moment = drop(
				new FairnessRules(false, false, false, Instant.now().minus(Duration.ofDays(30)), false, null, null), 1);
		List<AccountId> fans = this.fixtures.fans(2);
		this.jdbc.update("update accounts set created_at = now() - interval '60 days' where id = ?",
				fans.get(0).value());
		this.jdbc.update("update accounts set created_at = now() - interval '6 days' where id = ?",
				fans.get(1).value());

		assertThat(this.checkout.reserve(CheckoutFixtures.one(young, fans.get(0), null)).quantity()).isEqualTo(1);
		assertThat(this.checkout.reserve(CheckoutFixtures.one(moment, fans.get(0), null)).quantity()).isEqualTo(1);
		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(CheckoutFixtures.one(young, fans.get(1), null)))
			.satisfies(ex -> assertThat(ex.getMessage()).isEqualTo("MIN_ACCOUNT_AGE"));
		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(CheckoutFixtures.one(moment, fans.get(1), null)))
			.satisfies(ex -> assertThat(ex.getMessage()).isEqualTo("CREATED_BEFORE"));
	}

	@Test
	void letsOnlyBuyersOfTheEarlierDropReserveAndNotABuyerWhoseOrderWasTakenBack() {
		String source = drop(FairnessRules.NONE, 1);
		List<AccountId> fans = this.fixtures.fans(3);
		for (AccountId buyer : fans.subList(0, 2)) {
			Reservation hold = this.checkout.reserve(CheckoutFixtures.one(source, buyer, null));
			this.orders.placeOrder(new PlaceOrder(hold.id(), buyer, CARD, OrderIntegrationTests.SHIPPING));
		}
		// The second buyer never collected: the order was taken back and refunded.
		this.orders.takeBackUncollected(this.jdbc.queryForObject("select id from orders where account_id = ?",
				UUID.class, fans.get(1).value()));
		String addOns = this.fixtures.openDropAfter(source, 20,
				new FairnessRules(false, false, false, null, false, null, this.fixtures.idOf(source)));
		this.refused.flush();
		long before = countedRequirementRefusals(addOns);

		assertThat(this.checkout.reserve(CheckoutFixtures.one(addOns, fans.get(0), null)).quantity()).isEqualTo(1);
		for (AccountId other : fans.subList(1, 3)) {
			assertThatExceptionOfType(CheckoutRefusedException.class)
				.isThrownBy(() -> this.checkout.reserve(CheckoutFixtures.one(addOns, other, null)))
				.satisfies(ex -> {
					assertThat(ex.reason()).isEqualTo(Reason.ACCOUNT_REQUIREMENT);
					assertThat(ex.getMessage()).isEqualTo("BUYER_OF");
				});
		}
		this.refused.flush();
		assertThat(countedRequirementRefusals(addOns)).isEqualTo(before + 2);
	}

	@Test
	void refusesRulesNamingADropOfAnotherCommunity() {
		String source = drop(FairnessRules.NONE, 1);
		String elsewhere = drop(FairnessRules.NONE, 1);

		assertThatExceptionOfType(io.microdrops.drop.DropRefusedException.class)
			.isThrownBy(() -> this.fixtures.openDropAfter(source, 5,
					new FairnessRules(false, false, false, null, false, null, this.fixtures.idOf(elsewhere))))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(io.microdrops.drop.DropRefusedException.Reason::field)
				.containsExactly("buyersOf"));
	}

	@Test
	void refusesRulesNamingADropThatDoesNotExist() {
		String drop = drop(FairnessRules.NONE, 1);

		assertThatExceptionOfType(io.microdrops.drop.DropRefusedException.class)
			.isThrownBy(() -> this.drops.changeFairness(drop,
					new FairnessRules(false, false, false, null, false, null, new DropId(UUID.randomUUID()))))
			.satisfies(ex -> assertThat(ex.reasons()).extracting(io.microdrops.drop.DropRefusedException.Reason::field)
				.containsExactly("buyersOf"));
		assertThat(this.drops.require(drop).fairness()).isEqualTo(FairnessRules.NONE);
	}

	private String drop(FairnessRules rules, int perFanLimit) {
		return this.fixtures.openDrop(AccessMode.FIRST_COME, 20, perFanLimit, 10, Instant.now(), rules);
	}

	private Object pay(Reservation hold, AccountId fan, String card, String address) {
		try {
			return this.orders.placeOrder(
					new PlaceOrder(hold.id(), fan, card, new Fulfilment(Fulfilment.Method.SHIPPING, null, address)));
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason() + " " + ex.getMessage();
		}
	}

	private long soldOf(String drop) {
		return this.jdbc.queryForObject(
				"select coalesce(sum(quantity), 0) from orders where drop_item_id = ? and payment_status = 'SUCCEEDED'",
				Long.class, this.fixtures.itemOf(drop));
	}

	private long countedIdentityCaps(String drop) {
		return this.refused.byReason(this.fixtures.idOf(drop)).getOrDefault(RefusalReason.IDENTITY_CAP, 0L);
	}

	private long countedRequirementRefusals(String drop) {
		return this.refused.byReason(this.fixtures.idOf(drop)).getOrDefault(RefusalReason.ACCOUNT_REQUIREMENT, 0L);
	}

	/** The demo provider, counting charges and refunds per reservation. */
	static class CountingProvider extends DemoPaymentProvider {

		private final Map<String, AtomicInteger> charged = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> refunded = new ConcurrentHashMap<>();

		@Override
		public PaymentResult charge(Charge charge) {
			PaymentResult result = super.charge(charge);
			if (result.approved()) {
				this.charged.computeIfAbsent(charge.reservationId(), key -> new AtomicInteger()).incrementAndGet();
			}
			return result;
		}

		@Override
		public void refund(String reference) {
			this.refunded.computeIfAbsent(reference.substring("demo_".length()), key -> new AtomicInteger())
				.incrementAndGet();
		}

		int charges(Reservation hold) {
			return this.charged.getOrDefault(hold.id().toString(), new AtomicInteger()).get();
		}

		int netCharges(List<Reservation> holds) {
			return holds.stream()
				.map(Reservation::id)
				.map(UUID::toString)
				.mapToInt(id -> this.charged.getOrDefault(id, new AtomicInteger()).get()
						- this.refunded.getOrDefault(id, new AtomicInteger()).get())
				.sum();
		}

	}

	@TestConfiguration
	static class CountedPayments {

		@Bean
		@Primary
		CountingProvider countingPayments() {
			return new CountingProvider();
		}

	}

}
