package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stateful property of the checkout: random sequences of reserve (with and without an
 * idempotency key), retries of a key, release, pay (good or declined card), expiry sweeps
 * and clock moves, run against the real services and PostgreSQL and against a small model
 * of what they should do. After every step the outcome must be the model's, and the
 * database must agree with the model: held + sold never above the quantity, every edition
 * in one hold or order at most, the same editions, allowances, sold units, drop state and
 * reservation states. A failing sequence is shrunk (steps dropped while it still fails)
 * and reported with its seed; rerun one with {@code -Dcheckout.model.seed=<seed>}.
 */
@SpringBootTest
@Import(CheckoutModelTests.Time.class)
class CheckoutModelTests {

	static final int SEQUENCES = Integer.getInteger("checkout.model.sequences", 20);

	static final int STEPS = Integer.getInteger("checkout.model.steps", 30);

	static final int HOLD_MINUTES = 5;

	static final String GOOD_CARD = "4242424242424242";

	static final String DECLINED_CARD = "4000000000000002";

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
	MovableClock clock;

	@Test
	void keepsStockHoldsOrdersAndKeysAsTheModelSaysAfterEveryStep() {
		long seed = Long.getLong("checkout.model.seed", new Random().nextLong());
		Random random = new Random(seed);
		for (int sequence = 0; sequence < SEQUENCES; sequence++) {
			Shape shape = Shape.random(random);
			List<Action> actions = new ArrayList<>();
			for (int step = 0; step < STEPS; step++) {
				actions.add(Action.random(random, shape));
			}
			String failure = run(shape, actions);
			if (failure != null) {
				List<Action> shrunk = shrink(shape, actions);
				throw new AssertionError("Seed " + seed + ", sequence " + sequence + " (" + shape + ") fails: "
						+ run(shape, shrunk) + "\nShrunk to " + shrunk.size() + " steps:\n  "
						+ shrunk.stream().map(Action::toString).collect(Collectors.joining("\n  ")));
			}
		}
	}

	/** Drops steps while the sequence still fails, until every step matters. */
	private List<Action> shrink(Shape shape, List<Action> actions) {
		List<Action> current = new ArrayList<>(actions);
		boolean smaller = true;
		int runs = 0;
		while (smaller && runs < 300) {
			smaller = false;
			for (int i = 0; i < current.size() && runs < 300; i++) {
				List<Action> candidate = new ArrayList<>(current);
				candidate.remove(i);
				runs++;
				if (run(shape, candidate) != null) {
					current = candidate;
					smaller = true;
					break;
				}
			}
		}
		return current;
	}

	/**
	 * Runs one sequence on a drop of its own.
	 * @return what went wrong, or {@code null}
	 */
	private String run(Shape shape, List<Action> actions) {
		this.clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		CheckoutFixtures fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
		String drop = fixtures.openDrop(shape.quantity(), shape.limit(), HOLD_MINUTES, this.clock.instant());
		List<AccountId> fans = fixtures.fans(shape.fans());
		Model model = new Model(shape.quantity(), shape.limit());
		World world = new World(drop, fixtures.itemOf(drop), fans, model);
		for (int step = 0; step < actions.size(); step++) {
			Action action = actions.get(step);
			try {
				action.apply(this, world);
				check(world);
			}
			catch (AssertionError | RuntimeException ex) {
				return "step " + (step + 1) + " " + action + ": " + ex;
			}
		}
		return null;
	}

	/** The database agrees with the model. */
	private void check(World world) {
		Model model = world.model();
		UUID item = world.item();
		assertThat(
				this.jdbc.queryForObject("select count(*) from drop_units where drop_item_id = ?", Integer.class, item))
			.as("unit rows")
			.isEqualTo(model.quantity());
		List<Integer> claimed = this.jdbc.queryForList(
				"select edition from drop_units where drop_item_id = ? and reservation_id is not null order by edition",
				Integer.class, item);
		assertThat(claimed).as("claimed editions").containsExactlyElementsOf(model.claimedEditions());
		assertThat(claimed.size()).as("held + sold <= quantity").isLessThanOrEqualTo(model.quantity());
		List<Integer> inHoldsAndOrders = this.jdbc.queryForList(
				"select unnest(editions) from reservations where drop_item_id = ? and status in ('HELD', 'ORDERED')",
				Integer.class, item);
		assertThat(inHoldsAndOrders).as("every edition in one hold or order at most").doesNotHaveDuplicates();
		assertThat(new TreeSet<>(inHoldsAndOrders)).as("editions of holds and orders are the claimed units")
			.containsExactlyElementsOf(claimed);
		assertThat(this.jdbc.queryForObject("select count(*) from drop_units where drop_item_id = ? and sold",
				Integer.class, item))
			.as("sold units")
			.isEqualTo(model.sold());
		assertThat(this.jdbc.queryForObject("select coalesce(sum(quantity), 0) from orders where drop_item_id = ?",
				Integer.class, item))
			.as("units in orders")
			.isEqualTo(model.sold());
		for (AccountId fan : world.fans()) {
			Integer taken = this.jdbc.queryForObject(
					"select coalesce(sum(taken), 0) from fan_allowances where drop_item_id = ? and account_id = ?",
					Integer.class, item, fan.value());
			assertThat(taken).as("allowance of %s", fan).isEqualTo(model.taken(fan));
		}
		for (Map.Entry<UUID, Hold> hold : model.holds().entrySet()) {
			assertThat(this.jdbc.queryForObject("select status from reservations where id = ?", String.class,
					hold.getKey()))
				.as("status of %s", hold.getKey())
				.isEqualTo(hold.getValue().status.name());
		}
		assertThat(this.drops.view(world.drop()).state()).as("drop state")
			.isEqualTo((model.free().isEmpty()) ? DropState.SOLD_OUT : DropState.LIVE);
	}

	/** How big one sequence's drop is: units, per-fan limit, fans. */
	record Shape(int quantity, int limit, int fans) {

		static Shape random(Random random) {
			int quantity = 1 + random.nextInt(6);
			return new Shape(quantity, 1 + random.nextInt(Math.min(3, quantity)), 2 + random.nextInt(3));
		}

	}

	/** One step; fans and holds are chosen by index when the step runs. */
	sealed interface Action {

		void apply(CheckoutModelTests test, World world);

		static Action random(Random random, Shape shape) {
			int pick = random.nextInt(100);
			if (pick < 35) {
				return new Reserve(random.nextInt(shape.fans()), 1 + random.nextInt(Math.min(3, shape.quantity())),
						random.nextBoolean());
			}
			if (pick < 45) {
				return new Retry(random.nextInt(8));
			}
			if (pick < 55) {
				return new Release(random.nextInt(8));
			}
			if (pick < 75) {
				return new Pay(random.nextInt(8), random.nextInt(4) > 0);
			}
			if (pick < 85) {
				return new Sweep();
			}
			return new Advance(Duration.ofSeconds(random.nextInt(HOLD_MINUTES * 60 * 2)));
		}

	}

	record Reserve(int fan, int quantity, boolean keyed) implements Action {

		@Override
		public void apply(CheckoutModelTests test, World world) {
			AccountId fan = world.fans().get(this.fan);
			ReserveRequest request = new ReserveRequest(world.drop(), "sku-" + world.drop(), this.quantity, fan,
					this.keyed ? UUID.randomUUID().toString() : null);
			Object expected = world.model().reserve(fan, this.quantity, test.clock.instant());
			Object outcome = test.reserve(request);
			if (expected instanceof Reason reason) {
				assertThat(outcome).as("refusal").isEqualTo(reason);
			}
			else {
				assertThat(outcome).as("a hold").isInstanceOf(Reservation.class);
				Reservation hold = (Reservation) outcome;
				assertThat(hold.editions()).as("lowest free editions").isEqualTo(expected);
				assertThat(hold.expiresAt()).as("held for the drop's hold minutes")
					.isEqualTo(test.clock.instant().plus(Duration.ofMinutes(HOLD_MINUTES)));
				world.model().held(hold, fan, hold.expiresAt());
				world.holds().add(hold.id());
			}
			if (this.keyed) {
				world.keyed().add(new Keyed(request, outcome));
			}
		}

	}

	record Retry(int index) implements Action {

		@Override
		public void apply(CheckoutModelTests test, World world) {
			if (world.keyed().isEmpty()) {
				return;
			}
			Keyed first = world.keyed().get(this.index % world.keyed().size());
			Object again = test.reserve(first.request());
			if (first.outcome() instanceof Reservation hold) {
				assertThat(again).as("the same hold again").isInstanceOf(Reservation.class);
				Reservation same = (Reservation) again;
				assertThat(List.of(same.id(), same.editions(), same.expiresAt(), same.quantity()))
					.isEqualTo(List.of(hold.id(), hold.editions(), hold.expiresAt(), hold.quantity()));
			}
			else {
				assertThat(again).as("the same refusal again").isEqualTo(first.outcome());
			}
		}

	}

	record Release(int index) implements Action {

		@Override
		public void apply(CheckoutModelTests test, World world) {
			if (world.holds().isEmpty()) {
				return;
			}
			UUID id = world.holds().get(this.index % world.holds().size());
			Hold hold = world.model().holds().get(id);
			Reason outcome = null;
			try {
				test.checkout.release(id, hold.fan);
			}
			catch (CheckoutRefusedException ex) {
				outcome = ex.reason();
			}
			assertThat(outcome).isEqualTo(world.model().release(id));
		}

	}

	record Pay(int index, boolean goodCard) implements Action {

		@Override
		public void apply(CheckoutModelTests test, World world) {
			if (world.holds().isEmpty()) {
				return;
			}
			UUID id = world.holds().get(this.index % world.holds().size());
			Hold hold = world.model().holds().get(id);
			Object outcome;
			try {
				outcome = test.orders
					.placeOrder(new PlaceOrder(id, hold.fan, this.goodCard ? GOOD_CARD : DECLINED_CARD,
							new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Model Street")))
					.reservation();
			}
			catch (CheckoutRefusedException ex) {
				outcome = ex.reason();
			}
			assertThat(outcome).isEqualTo(world.model().pay(id, this.goodCard, test.clock.instant()));
		}

	}

	record Sweep() implements Action {

		@Override
		public void apply(CheckoutModelTests test, World world) {
			// Other drops' holds in the shared database may be due too: sweep until done.
			while (test.checkout.releaseExpired(500) == 500) {
				// A full batch means more may be waiting.
			}
			world.model().sweep(test.clock.instant());
		}

	}

	record Advance(Duration by) implements Action {

		@Override
		public void apply(CheckoutModelTests test, World world) {
			test.clock.advance(this.by);
		}

	}

	private Object reserve(ReserveRequest request) {
		try {
			return this.checkout.reserve(request);
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	record World(String drop, UUID item, List<AccountId> fans, Model model, List<UUID> holds, List<Keyed> keyed) {

		World(String drop, UUID item, List<AccountId> fans, Model model) {
			this(drop, item, fans, model, new ArrayList<>(), new ArrayList<>());
		}

	}

	record Keyed(ReserveRequest request, Object outcome) {
	}

	static final class Hold {

		final AccountId fan;

		final List<Integer> editions;

		final Instant expiresAt;

		Reservation.Status status = Reservation.Status.HELD;

		Hold(AccountId fan, List<Integer> editions, Instant expiresAt) {
			this.fan = fan;
			this.editions = editions;
			this.expiresAt = expiresAt;
		}

	}

	/** What the checkout should do, in plain Java. */
	static final class Model {

		private final int quantity;

		private final int limit;

		private final TreeSet<Integer> free = new TreeSet<>();

		private final Map<UUID, Hold> holds = new HashMap<>();

		Model(int quantity, int limit) {
			this.quantity = quantity;
			this.limit = limit;
			for (int edition = 1; edition <= quantity; edition++) {
				this.free.add(edition);
			}
		}

		int quantity() {
			return this.quantity;
		}

		TreeSet<Integer> free() {
			return this.free;
		}

		Map<UUID, Hold> holds() {
			return this.holds;
		}

		List<Integer> claimedEditions() {
			List<Integer> claimed = new ArrayList<>();
			for (int edition = 1; edition <= this.quantity; edition++) {
				if (!this.free.contains(edition)) {
					claimed.add(edition);
				}
			}
			return claimed;
		}

		int sold() {
			return this.holds.values()
				.stream()
				.filter(hold -> hold.status == Reservation.Status.ORDERED)
				.mapToInt(hold -> hold.editions.size())
				.sum();
		}

		int taken(AccountId fan) {
			return this.holds.values()
				.stream()
				.filter(hold -> hold.fan.equals(fan))
				.filter(hold -> hold.status == Reservation.Status.HELD || hold.status == Reservation.Status.ORDERED)
				.mapToInt(hold -> hold.editions.size())
				.sum();
		}

		/** The editions a reserve gets, or why it is refused. */
		Object reserve(AccountId fan, int quantity, Instant now) {
			if (this.free.isEmpty()) {
				return Reason.SOLD_OUT;
			}
			if (quantity > this.limit || taken(fan) + quantity > this.limit) {
				return Reason.OVER_LIMIT;
			}
			if (this.free.size() < quantity) {
				// Some left, fewer than asked for: not sold out.
				return Reason.NOT_ENOUGH_LEFT;
			}
			return this.free.stream().limit(quantity).toList();
		}

		void held(Reservation reservation, AccountId fan, Instant expiresAt) {
			reservation.editions().forEach(this.free::remove);
			this.holds.put(reservation.id(), new Hold(fan, reservation.editions(), expiresAt));
		}

		Reason release(UUID id) {
			Hold hold = this.holds.get(id);
			if (hold.status == Reservation.Status.RELEASED || hold.status == Reservation.Status.EXPIRED) {
				// Given back again: nothing changes, nothing is refused.
				return null;
			}
			if (hold.status != Reservation.Status.HELD) {
				return Reason.NOT_FOUND;
			}
			hold.status = Reservation.Status.RELEASED;
			this.free.addAll(hold.editions);
			return null;
		}

		/** The reservation the order is for, or why paying is refused. */
		Object pay(UUID id, boolean goodCard, Instant now) {
			Hold hold = this.holds.get(id);
			if (hold.status == Reservation.Status.ORDERED) {
				return id;
			}
			if (hold.status != Reservation.Status.HELD || !now.isBefore(hold.expiresAt)) {
				return Reason.NOT_HELD;
			}
			if (!goodCard) {
				return Reason.PAYMENT_DECLINED;
			}
			hold.status = Reservation.Status.ORDERED;
			return id;
		}

		void sweep(Instant now) {
			for (Hold hold : this.holds.values()) {
				if (hold.status == Reservation.Status.HELD && !hold.expiresAt.isAfter(now)) {
					hold.status = Reservation.Status.EXPIRED;
					this.free.addAll(hold.editions);
				}
			}
		}

		@Override
		public String toString() {
			return "free " + this.free + ", holds " + this.holds.size() + ", sold " + sold();
		}

	}

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now());
		}

	}

}
