package io.microdrops.storefront;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.RefusedAttempts;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.draw.DrawManagement;
import io.microdrops.draw.PublishedDraw;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubDetails;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.OpeningWindow;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.MovableClock;
import io.microdrops.transparency.TransparencyReport;
import io.microdrops.transparency.TransparencyReports;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.web.TestDrops;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The transparency page and its JSON against the real database: a drop sold through early
 * access and the public sale, with pickups at a hub, shipping and refusals, and a draw
 * drop whose unclaimed unit passes on; every published figure is compared with a count
 * made directly in SQL, and the draw is recomputed by the shipped script from the
 * published JSON. The jobs' schedules are pushed out of the way; the test drives them.
 */
@SpringBootTest(properties = { "drops.draw.initial-delay=PT1H", "drops.checkout.expiry-interval=PT1H",
		"drops.checkout.attempts-flush-interval=PT1H" })
@AutoConfigureMockMvc
@Import(TransparencyIntegrationTests.Setup.class)
class TransparencyIntegrationTests {

	static final Instant NOW = Instant.parse("2033-03-03T12:00:00Z");

	@Autowired
	MockMvc mvc;

	@Autowired
	TransparencyReports reports;

	@Autowired
	DropManagement drops;

	@Autowired
	DrawManagement draws;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	HubManagement hubs;

	@Autowired
	RefusedAttempts refused;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@BeforeEach
	void setUp() {
		this.clock.set(NOW);
	}

	@Test
	void publishesNothingButTheTimelineBeforeTheDropSellsOutOrCloses() throws Exception {
		String drop = firstComeDrop(sku("Early", 4), sku("Later", 3));

		TransparencyReport report = this.reports.report(drop);

		assertThat(report.published()).isFalse();
		assertThat(report.items()).isEmpty();
		this.mvc.perform(get("/drops/" + drop + "/transparency"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Published when the drop sells out")));
		this.mvc.perform(get("/api/v1/drops/" + drop + "/transparency"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.published").value(false));
		this.mvc.perform(get("/drops/no-such-drop/transparency")).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/drops/no-such-drop/transparency")).andExpect(status().isNotFound());
	}

	@Test
	void everyFigureOfASoldOutDropEqualsTheDatabasesCount() throws Exception {
		Sku keycap = sku("Keycap", 4);
		Sku mat = sku("Desk mat", 3);
		String drop = firstComeDrop(keycap, mat);
		Hub hub = hub();
		AccountId member = fan();
		this.waitlists.join(drop, member);
		AccountId[] fans = { fan(), fan(), fan(), fan(), fan(), fan() };

		// Early access: the member buys for pickup; a fan not on the waitlist is refused.
		pay(reserve(drop, keycap, 1, member), member, new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null));
		refused(drop, keycap, 1, fans[0]);
		// The public sale.
		this.clock.set(NOW.plus(Duration.ofHours(1)).plusSeconds(90));
		pay(reserve(drop, keycap, 1, fans[0]), fans[0], new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null));
		pay(reserve(drop, keycap, 1, fans[1]), fans[1], shipping());
		refused(drop, keycap, 1, member);
		reserve(drop, keycap, 1, fans[2]);
		pay(reserve(drop, mat, 2, fans[3]), fans[3], shipping());
		refused(drop, keycap, 1, fans[4]);
		this.clock.advance(Duration.ofSeconds(40));
		pay(reserve(drop, mat, 1, fans[4]), fans[4], new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null));
		flushRefusals();

		TransparencyReport soldOut = this.reports.report(drop);

		assertThat(soldOut.published()).isTrue();
		assertThat(soldOut.provisional()).as("sold out, still open").isTrue();
		// Counted from the start of early access, a minute before NOW.
		assertThat(soldOut.secondsToSellOut()).isEqualTo(60 + 3600 + 90 + 40);
		assertFiguresEqualTheDatabase(drop, soldOut);
		assertThat(soldOut.refusals())
			.extracting(TransparencyReport.Refusals::reason, TransparencyReport.Refusals::attempts)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("not-open", 1L),
					org.assertj.core.groups.Tuple.tuple("over-limit", 1L),
					org.assertj.core.groups.Tuple.tuple("sold-out", 1L));

		this.drops.closeEarly(drop);
		TransparencyReport closed = this.reports.report(drop);

		assertThat(closed.provisional()).isFalse();
		assertFiguresEqualTheDatabase(drop, closed);
		assertThat(closed.unitsHeld()).as("the public fan's unpaid hold").isEqualTo(1);
		assertThat(closed.fulfilment()).filteredOn(line -> hub.slug().equals(line.hub()))
			.singleElement()
			.satisfies(line -> assertThat(line.units()).isEqualTo(3));
		String json = this.mvc.perform(get("/api/v1/drops/" + drop + "/transparency"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unitsSold").value(closed.unitsSold()))
			.andExpect(jsonPath("$.fansServed").value(closed.fansServed()))
			.andExpect(jsonPath("$.secondsToSellOut").value(3790))
			.andExpect(jsonPath("$.items[0].channels[0].channel").value("EARLY_ACCESS"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(json).contains("\"reason\":\"over-limit\"");
		this.mvc.perform(get("/drops/" + drop + "/transparency"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("<caption>Units per item and channel")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(hub.name())))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Over the per-fan limit")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("1 h 3 min")));
		this.mvc.perform(get("/drops/" + drop))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/drops/" + drop + "/transparency")));
	}

	@Test
	void aDrawIsPublishedWithItsUnitsAndRecomputedByTheShippedScript() throws Exception {
		Sku keycap = sku("Drawn keycap", 2);
		String drop = drawDrop(keycap);
		Hub hub = hub();
		List<AccountId> fans = List.of(fan(), fan(), fan(), fan());
		fans.forEach(fan -> this.draws.enter(drop, fan));
		this.clock.set(NOW.plus(Duration.ofHours(1)));
		this.draws.runDue();
		Map<Integer, AccountId> places = new HashMap<>();
		fans.forEach(fan -> places.put(this.draws.entryOf(drop, fan).orElseThrow().place(), fan));
		AccountId first = places.get(1);
		pay(this.draws.offersOf(drop, first).getFirst().reservation(), first,
				new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null));
		// Place 2 lets the purchase window run out: the unit passes to place 3 at once.
		this.clock.advance(Duration.ofMinutes(61));
		this.checkout.releaseExpired(100);
		AccountId third = places.get(3);
		assertThat(this.draws.offersOf(drop, third)).extracting(DrawManagement.FanOffer::status)
			.containsExactly("OFFERED");
		pay(this.draws.offersOf(drop, third).getFirst().reservation(), third, shipping());
		this.drops.closeEarly(drop);
		// The draw job marks the bought units claimed.
		this.draws.runDue();

		TransparencyReport report = this.reports.report(drop);

		assertFiguresEqualTheDatabase(drop, report);
		assertThat(report.channels()).singleElement().satisfies(line -> {
			assertThat(line.channel()).hasToString("DRAW");
			assertThat(line.sold()).isEqualTo(2);
		});
		PublishedDraw draw = report.draw();
		assertThat(draw.seed()).isEqualTo(
				this.jdbc.queryForObject("select seed from draws where drop_id = ?", String.class, dropId(drop)));
		assertThat(draw.entries()).hasSize(this.jdbc
			.queryForObject("select count(*) from draw_entries where drop_id = ?", Integer.class, dropId(drop)));
		assertThat(draw.offers()).extracting(PublishedDraw.Offer::status)
			.containsExactlyInAnyOrder("CLAIMED", "PASSED_ON", "CLAIMED");
		this.mvc.perform(get("/drops/" + drop + "/transparency"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(draw.seed())))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(
					"python3 scripts/verify-draw.py http://localhost/api/v1/drops/" + drop + "/transparency")));

		String json = this.mvc.perform(get("/api/v1/drops/" + drop + "/transparency"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Path script = Path.of("..", "scripts", "verify-draw.py");
		Assumptions.assumeTrue(Files.isRegularFile(script) && python(), "python3 is needed to run the shipped script");
		Path file = Files.createTempFile("transparency", ".json");
		Files.writeString(file, json);
		Process run = new ProcessBuilder("python3", script.toString(), file.toString()).redirectErrorStream(true)
			.start();
		String output = new String(run.getInputStream().readAllBytes());
		assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).as(output).isZero();
		assertThat(output).contains("VERIFIED").contains(draw.items().getFirst().winners().getFirst());
	}

	/** Compares every figure of a published report with a count made directly in SQL. */
	private void assertFiguresEqualTheDatabase(String drop, TransparencyReport report) {
		UUID id = dropId(drop);
		assertThat(report.units()).isEqualTo(count("select sum(quantity) from drop_items where drop_id = ?", id));
		assertThat(report.unitsSold()).isEqualTo(count("""
				select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id
				where i.drop_id = ? and u.sold""", id));
		assertThat(report.unitsHeld()).isEqualTo(count("""
				select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id
				where i.drop_id = ? and u.reservation_id is not null and not u.sold""", id));
		assertThat(report.fansServed()).isEqualTo(count("""
				select count(distinct o.account_id) from orders o join drop_items i on i.id = o.drop_item_id
				where i.drop_id = ?""", id));
		for (TransparencyReport.Item item : report.items()) {
			assertThat(item.sold()).isEqualTo(count("""
					select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id
					join skus s on s.id = i.sku_id where i.drop_id = ? and s.slug = ? and u.sold""", id, item.sku()));
			assertThat(item.unsold()).isEqualTo(count("""
					select count(*) from drop_units u join drop_items i on i.id = u.drop_item_id
					join skus s on s.id = i.sku_id where i.drop_id = ? and s.slug = ? and u.reservation_id is null""",
					id, item.sku()));
			List<TransparencyReport.ChannelUnits> expected = this.jdbc.query("""
					select r.channel, sum(r.quantity) filter (where r.status = 'ORDERED'),
					       sum(r.quantity) filter (where r.status = 'HELD')
					from reservations r join drop_items i on i.id = r.drop_item_id join skus s on s.id = i.sku_id
					where i.drop_id = ? and s.slug = ? and r.status in ('ORDERED', 'HELD') group by r.channel
					""",
					(rs, row) -> new TransparencyReport.ChannelUnits(
							io.microdrops.checkout.Channel.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3)),
					id, item.sku());
			assertThat(item.channels()).containsExactlyInAnyOrderElementsOf(expected);
		}
		List<TransparencyReport.FulfilmentUnits> fulfilment = this.jdbc.query("""
				select o.fulfilment_method, o.fulfilment_hub, count(*), sum(o.quantity)
				from orders o join drop_items i on i.id = o.drop_item_id where i.drop_id = ?
				group by o.fulfilment_method, o.fulfilment_hub
				""", (rs, row) -> new TransparencyReport.FulfilmentUnits(Fulfilment.Method.valueOf(rs.getString(1)),
				rs.getString(2), rs.getInt(3), rs.getInt(4)), id);
		assertThat(report.fulfilment()).containsExactlyInAnyOrderElementsOf(fulfilment);
		List<TransparencyReport.Refusals> refusals = this.jdbc.query(
				"select reason, refusals from drop_refusals where drop_id = ?",
				(rs, row) -> new TransparencyReport.Refusals(rs.getString(1), rs.getLong(2)), id);
		assertThat(report.refusals()).containsExactlyInAnyOrderElementsOf(refusals);
		Instant soldOutAt = this.jdbc
			.query("select sold_out_at from drop_sell_outs where drop_id = ?",
					(rs, row) -> rs.getTimestamp(1).toInstant(), id)
			.stream()
			.findFirst()
			.orElse(null);
		assertThat(report.soldOutAt()).isEqualTo(soldOutAt);
	}

	private int count(String sql, Object... args) {
		Integer count = this.jdbc.queryForObject(sql, Integer.class, args);
		return (count != null) ? count : 0;
	}

	private UUID dropId(String drop) {
		return this.drops.require(drop).id().value();
	}

	private void flushRefusals() {
		ReflectionTestUtils.invokeMethod(this.refused, "flush");
	}

	private UUID reserve(String drop, Sku sku, int quantity, AccountId fan) {
		Reservation reservation = this.checkout.reserve(new ReserveRequest(drop, sku.slug(), quantity, fan, null));
		return reservation.id();
	}

	private void refused(String drop, Sku sku, int quantity, AccountId fan) {
		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(new ReserveRequest(drop, sku.slug(), quantity, fan, null)));
	}

	private void pay(UUID reservation, AccountId fan, Fulfilment fulfilment) {
		this.orders.placeOrder(new PlaceOrder(reservation, fan, "4242424242424242", fulfilment));
	}

	private static Fulfilment shipping() {
		return new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Groove Street, Leeds");
	}

	private boolean python() {
		try {
			return new ProcessBuilder("python3", "--version").start().waitFor(30, TimeUnit.SECONDS);
		}
		catch (java.io.IOException | InterruptedException ex) {
			return false;
		}
	}

	private AccountId fan() {
		String email = TestDrops.unique("fan") + "@example.com";
		this.accounts.createIfAbsent(email, "Fan", "transparency fixture password", Set.of(Role.FAN));
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

	private Sku sku(String name, int units) {
		return this.catalog.create(TestDrops.unique("sku"),
				new SkuDetails(name, Money.of(2450, "GBP"), units, null, null));
	}

	private CommunityId community() {
		return this.communities
			.create(TestDrops.unique("community"),
					new CommunityDetails("Open Books", "Fans of open books.", null, null, 400,
							ZoneId.of("Europe/London"), 0, 31))
			.id();
	}

	/**
	 * Early access from now, open to all in an hour: 4 of the first (one per fan), 3 of
	 * the second (two per fan).
	 */
	private String firstComeDrop(Sku first, Sku second) {
		String slug = TestDrops.unique("open-books");
		List<NewDropItem> items = new ArrayList<>();
		items.add(new NewDropItem(first.id(), 4, 1));
		items.add(new NewDropItem(second.id(), 3, 2));
		this.drops.createDraft(slug, new DropPlan(
				"Open books", community(), AccessMode.FIRST_COME, new Timeline(NOW.minus(Duration.ofHours(2)),
						NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(2))),
				10, null, items));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	/**
	 * A draw drop of 2 units taking entries now, drawn in an hour, with an hour to buy.
	 */
	private String drawDrop(Sku sku) {
		String slug = TestDrops.unique("open-draw");
		this.drops.createDraft(slug,
				new DropPlan(
						"Open draw", community(), AccessMode.DRAW, new Timeline(NOW.minus(Duration.ofHours(1)), null,
								NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7))),
						10, null, List.of(new NewDropItem(sku.id(), 2, 1))));
		this.clock.set(NOW.minus(Duration.ofHours(2)));
		this.draws.configure(slug, new io.microdrops.draw.DrawSettings(1, 1, 60));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		this.clock.set(NOW);
		return slug;
	}

	private Hub hub() {
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, new OpeningWindow(LocalTime.MIN, LocalTime.of(23, 59)));
		}
		return this.hubs
			.create(new HubDetails(TestDrops.unique("hub"), "Hub " + UUID.randomUUID().toString().substring(0, 6),
					"1 Counter Street", "UTC", null, null, 50, 60, null, null, LocalTime.of(23, 59), true, hours));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(NOW);
		}

	}

}
