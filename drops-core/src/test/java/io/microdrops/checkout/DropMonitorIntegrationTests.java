package io.microdrops.checkout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class DropMonitorIntegrationTests {

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	DropMonitor monitor;

	@Autowired
	ReserveAttempts attempts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JdbcClient jdbcClient;

	CheckoutFixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
	}

	@Test
	void countsHeldSoldAndRemainingUnitsFromTheUnitRows() {
		String drop = this.fixtures.openDrop(10, 2, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(4);
		for (int i = 0; i < 3; i++) {
			this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(i), null));
		}
		Reservation paid = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, fans.get(3), null));
		this.orders.placeOrder(new PlaceOrder(paid.id(), fans.get(3), "4242424242424242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "3 Monitor Road")));

		DropMonitor.Pulse pulse = this.monitor.pulse(this.fixtures.idOf(drop));

		assertThat(pulse.items()).singleElement().satisfies(item -> {
			assertThat(item.quantity()).isEqualTo(10);
			assertThat(item.held()).isEqualTo(3);
			assertThat(item.sold()).isEqualTo(2);
			assertThat(item.remaining()).isEqualTo(5);
		});
		assertThat(pulse.held() + pulse.sold() + pulse.remaining()).isEqualTo(pulse.quantity());
		assertThat(pulse.activeHolds()).isEqualTo(3);
		assertThat(pulse.soldOutAt()).isNull();
	}

	@Test
	void showsWhenTheDropSoldOut() {
		String drop = this.fixtures.openDrop(2, 2, 10, Instant.now());
		Instant before = Instant.now();
		this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 2, this.fixtures.fans(1).getFirst(), null));

		DropMonitor.Pulse pulse = this.monitor.pulse(this.fixtures.idOf(drop));

		assertThat(pulse.remaining()).isZero();
		assertThat(pulse.soldOutAt()).isBetween(before, Instant.now());
		assertThat(pulse.soldOutAfter(before.minusSeconds(5))).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void countsEveryReserveAttemptRefusedOrNotOncePerSecond() {
		String drop = this.fixtures.openDrop(3, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(5);
		for (AccountId fan : fans) {
			reserveQuietly(CheckoutFixtures.one(drop, fan, null));
		}
		reserveQuietly(new ReserveRequest(drop, "no-such-sku", 1, fans.getFirst(), null));
		reserveQuietly(new ReserveRequest(drop, "sku-" + drop, 0, fans.getFirst(), null));

		this.attempts.flush(Long.MAX_VALUE);
		// Read a few seconds later, when the seconds just flushed are complete.
		DropMonitor later = new DropMonitor(this.jdbcClient, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(4)));
		DropMonitor.Pulse pulse = later.pulse(this.fixtures.idOf(drop));

		assertThat(pulse.totalAttempts()).isEqualTo(7);
		assertThat(pulse.lastMinute()).hasSize(DropMonitor.WINDOW_SECONDS);
		assertThat(pulse.lastMinute().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
		assertThat(pulse.peakPerSecond()).isBetween(1, 7);
		assertThat(pulse.attemptsPerSecond()).isBetween(0.1, 0.7);
	}

	@Test
	void showsEveryUnitAsRemainingBeforeTheDropIsScheduled() {
		String drop = this.fixtures.openDrop(4, 1, 10, Instant.now());
		this.jdbc.update("delete from drop_units where drop_item_id = ?", this.fixtures.itemOf(drop));

		assertThat(this.monitor.pulse(this.fixtures.idOf(drop)).remaining()).isEqualTo(4);
	}

	private void reserveQuietly(ReserveRequest request) {
		try {
			this.checkout.reserve(request);
		}
		catch (CheckoutRefusedException ex) {
			// Refused attempts count as much as granted ones.
		}
	}

}
