package io.microdrops.draw;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Draws against the real database: the commitment before any entry, one entry per fan
 * with its weight, the draw held once at the opening with the winners the published rule
 * gives, their units held for the purchase window, and units passed on when a window runs
 * out. The draw job's schedule is pushed out of the way; each test drives it.
 */
@SpringBootTest(properties = { "drops.draw.initial-delay=PT1H", "drops.checkout.expiry-interval=PT1H" })
@Import(DrawIntegrationTests.Setup.class)
class DrawIntegrationTests {

	static final Instant NOW = Instant.parse("2032-05-05T12:00:00Z");

	@Autowired
	DrawManagement draws;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	EventLog events;

	@BeforeEach
	void setUp() {
		// Holds what earlier tests left undrawn, so each test's run reports its own.
		this.clock.set(NOW.plus(Duration.ofDays(30)));
		this.draws.runDue();
		this.clock.set(NOW);
	}

	@Test
	void refusesAnEntryFromAnAddressNotConfirmedYet() {
		String drop = drawDrop(1, 60);
		AccountId unconfirmed = this.accounts.signUpFan(new AccountManagement.SignUp(
				unique("unconfirmed") + "@example.com", "New Fan", "a long new password 42"));

		assertThatExceptionOfType(DrawRefusedException.class).isThrownBy(() -> this.draws.enter(drop, unconfirmed))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("draw.refused.unconfirmed"));
		assertThat(this.draws.entryOf(drop, unconfirmed)).isEmpty();
	}

	@Test
	void publishesTheCommitmentFromTheStartAndTheSeedOnlyAfterTheDraw() {
		String drop = drawDrop(2, 60);
		this.draws.enter(drop, fan());

		PublishedDraw before = this.draws.published(drop);

		assertThat(before.commitment()).hasSize(64);
		assertThat(before.seed()).isNull();
		assertThat(before.entries()).isEmpty();
		assertThat(before.entrants()).isEqualTo(1);
		assertThat(before.drawn()).isFalse();

		this.clock.set(opening());
		this.draws.runDue();
		PublishedDraw after = this.draws.published(drop);

		assertThat(after.seed()).isNotNull();
		assertThat(DrawAlgorithm.commitment(after.seed())).isEqualTo(before.commitment());
		assertThat(after.entries()).hasSize(1);
	}

	@Test
	void drawsTheWinnersThePublishedRuleGivesAndHoldsTheirUnitsForThePurchaseWindow() {
		String drop = drawDrop(3, 90);
		List<AccountId> fans = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			fans.add(fan());
			this.draws.enter(drop, fans.getLast());
		}
		this.clock.set(opening());

		assertThat(this.draws.runDue()).isEqualTo(1);
		assertThat(this.draws.runDue()).as("held once").isZero();

		PublishedDraw published = this.draws.published(drop);
		List<String> recomputed = DrawAlgorithm.order(published.seed(), published.entries())
			.stream()
			.map(DrawAlgorithm.Entry::hash)
			.toList();
		assertThat(published.items().getFirst().winners()).isEqualTo(recomputed.subList(0, 3));
		List<AccountId> winners = fans.stream()
			.filter(fan -> published.items()
				.getFirst()
				.winners()
				.contains(this.draws.entryOf(drop, fan).orElseThrow().hash()))
			.toList();
		assertThat(winners).hasSize(3);
		for (AccountId winner : winners) {
			DrawManagement.FanOffer offer = this.draws.offersOf(drop, winner).getFirst();
			assertThat(offer.status()).isEqualTo("OFFERED");
			assertThat(offer.expiresAt()).isEqualTo(opening().plus(Duration.ofMinutes(90)));
			Reservation held = this.checkout.find(offer.reservation(), winner).orElseThrow();
			assertThat(held.status()).isEqualTo(Reservation.Status.HELD);
		}
		assertThat(this.events.offers(drop)).extracting(DrawOfferMade::fan)
			.containsExactlyInAnyOrderElementsOf(winners);
		assertThat(this.events.notWon(drop)).hasSize(4).extracting(DrawNotWon::place).containsExactly(4, 5, 6, 7);
		assertThat(this.drops.view(drop).items().getFirst().remaining()).isZero();
	}

	@Test
	void passesAUnitNobodyBoughtInTimeToTheNextDrawnFan() {
		String drop = drawDrop(1, 30);
		List<AccountId> fans = List.of(fan(), fan(), fan());
		fans.forEach(fan -> this.draws.enter(drop, fan));
		this.clock.set(opening());
		this.draws.runDue();
		AccountId first = placed(drop, fans, 1);
		AccountId second = placed(drop, fans, 2);
		assertThat(this.draws.offersOf(drop, second)).isEmpty();

		this.clock.set(opening().plus(Duration.ofMinutes(31)));
		this.checkout.releaseExpired(100);
		assertThat(this.draws.passOnUnclaimed()).as("passed on when the hold expired, not by the job").isZero();

		assertThat(this.draws.offersOf(drop, first)).extracting(DrawManagement.FanOffer::status)
			.containsExactly("PASSED_ON");
		DrawManagement.FanOffer passed = this.draws.offersOf(drop, second).getFirst();
		assertThat(passed.status()).isEqualTo("OFFERED");
		assertThat(passed.passedDown()).isTrue();
		assertThat(passed.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
		assertThat(this.checkout.find(passed.reservation(), second).orElseThrow().status())
			.isEqualTo(Reservation.Status.HELD);
		assertThat(this.events.offers(drop)).filteredOn(DrawOfferMade::passedDown)
			.extracting(DrawOfferMade::fan)
			.containsExactly(second);
		assertThat(this.draws.published(drop).offers()).extracting(PublishedDraw.Offer::status)
			.containsExactly("PASSED_ON", "OFFERED");
	}

	@Test
	void passesAUnitGivenBackToTheNextDrawnFanAtOnce() {
		String drop = drawDrop(1, 30);
		List<AccountId> fans = List.of(fan(), fan(), fan());
		fans.forEach(fan -> this.draws.enter(drop, fan));
		this.clock.set(opening());
		this.draws.runDue();
		AccountId first = placed(drop, fans, 1);
		AccountId second = placed(drop, fans, 2);

		this.checkout.release(this.draws.offersOf(drop, first).getFirst().reservation(), first);

		assertThat(this.draws.offersOf(drop, first)).extracting(DrawManagement.FanOffer::status)
			.containsExactly("PASSED_ON");
		DrawManagement.FanOffer passed = this.draws.offersOf(drop, second).getFirst();
		assertThat(passed.status()).isEqualTo("OFFERED");
		assertThat(this.checkout.find(passed.reservation(), second).orElseThrow().status())
			.isEqualTo(Reservation.Status.HELD);
	}

	@Test
	void theDrawJobPassesOnAUnitWhoseHoldEndedWithoutPassingItOn() {
		String drop = drawDrop(1, 30);
		List<AccountId> fans = List.of(fan(), fan());
		fans.forEach(fan -> this.draws.enter(drop, fan));
		this.clock.set(opening());
		this.draws.runDue();
		AccountId first = placed(drop, fans, 1);
		AccountId second = placed(drop, fans, 2);
		UUID hold = this.draws.offersOf(drop, first).getFirst().reservation();
		// A node that ended the hold and stopped before it could pass the unit on.
		this.jdbc.update("update drop_units set reservation_id = null where reservation_id = ?", hold);
		this.jdbc.update("update reservations set status = 'EXPIRED' where id = ?", hold);
		this.jdbc.update("delete from fan_allowances where account_id = ?", first.value());

		assertThat(this.draws.passOnUnclaimed()).isEqualTo(1);

		assertThat(this.draws.offersOf(drop, second)).extracting(DrawManagement.FanOffer::status)
			.containsExactly("OFFERED");
	}

	@Test
	void takesOneEntryPerFanWeightedForWaitlistMembersAndNoneAfterTheOpening() {
		String drop = drawDrop(1, new DrawSettings(3, 2, 60));
		AccountId member = fan();
		this.waitlists.notifyMe("sku-" + drop, member);
		AccountId other = fan();

		DrawEntry entry = this.draws.enter(drop, member);

		assertThat(this.draws.enter(drop, member)).isEqualTo(entry);
		assertThat(entry.weight()).isEqualTo(3);
		assertThat(this.draws.enter(drop, other).weight()).isEqualTo(1);
		assertThat(this.draws.published(drop).entrants()).isEqualTo(2);
		assertThat(this.draws.published(drop).settings()).isEqualTo(new DrawSettings(3, 2, 60));
		assertThatExceptionOfType(DrawRefusedException.class)
			.isThrownBy(() -> this.draws.configure(drop, new DrawSettings(1, 1, 60)))
			.extracting(DrawRefusedException::messageKey)
			.isEqualTo("draw.refused.settings-after-entries-open");

		this.clock.set(opening());
		assertThatExceptionOfType(DrawRefusedException.class).isThrownBy(() -> this.draws.enter(drop, fan()))
			.extracting(DrawRefusedException::messageKey)
			.isEqualTo("draw.refused.entries-closed");
	}

	@Test
	void refusesToSellADrawDropToAnyoneTheDrawDidNotPick() {
		String drop = drawDrop(2, 60);
		AccountId fan = fan();
		this.clock.set(opening());

		assertThatExceptionOfType(CheckoutRefusedException.class)
			.isThrownBy(() -> this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null)))
			.extracting(CheckoutRefusedException::reason)
			.isEqualTo(CheckoutRefusedException.Reason.NOT_OPEN_TO_FAN);
	}

	private AccountId placed(String drop, List<AccountId> fans, int place) {
		return fans.stream()
			.filter(fan -> this.draws.entryOf(drop, fan).orElseThrow().place() == place)
			.findFirst()
			.orElseThrow();
	}

	private static Instant opening() {
		return NOW.plus(Duration.ofHours(1));
	}

	private AccountId fan() {
		String email = unique("fan") + "@example.com";
		this.accounts.createIfAbsent(email, "Fan", "draw fixture password", Set.of(Role.FAN));
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

	/** A draw drop announced an hour ago, opening in an hour, closing in a week. */
	private String drawDrop(int quantity, int windowMinutes) {
		return drawDrop(quantity, new DrawSettings(1, 1, windowMinutes));
	}

	private String drawDrop(int quantity, DrawSettings settings) {
		var community = this.communities
			.create(unique("community"),
					new CommunityDetails("Draw Collectors", "Fans of draws.", null, null, 400,
							ZoneId.of("Europe/London"), 0, 31))
			.id();
		String slug = unique("draw");
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "GBP"), quantity, null, null));
		this.drops.createDraft(slug,
				new DropPlan("Draw drop", community, AccessMode.DRAW,
						new Timeline(NOW.minus(Duration.ofHours(1)), null, opening(), NOW.plus(Duration.ofDays(7))), 10,
						null, List.of(new NewDropItem(sku.id(), quantity, 1))));
		this.clock.set(NOW.minus(Duration.ofHours(2)));
		this.draws.configure(slug, settings);
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		this.clock.set(NOW);
		return slug;
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(NOW);
		}

		@Bean
		EventLog eventLog() {
			return new EventLog();
		}

	}

	/**
	 * Records the draw events that were committed.
	 */
	static class EventLog {

		private final List<Object> events = new CopyOnWriteArrayList<>();

		@TransactionalEventListener
		void on(DrawOfferMade event) {
			this.events.add(event);
		}

		@TransactionalEventListener
		void on(DrawNotWon event) {
			this.events.add(event);
		}

		List<DrawOfferMade> offers(String drop) {
			return this.events.stream()
				.filter(DrawOfferMade.class::isInstance)
				.map(DrawOfferMade.class::cast)
				.filter(event -> event.dropSlug().equals(drop))
				.toList();
		}

		List<DrawNotWon> notWon(String drop) {
			return this.events.stream()
				.filter(DrawNotWon.class::isInstance)
				.map(DrawNotWon.class::cast)
				.filter(event -> event.dropSlug().equals(drop))
				.sorted((a, b) -> Integer.compare(a.place(), b.place()))
				.toList();
		}

	}

}
