package io.microdrops.fulfilment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Open drops, hubs, fans and paid orders for fulfilment tests, each with unique names so
 * tests share one database without meeting.
 */
@Component
class FulfilmentFixtures {

	static final String CARD = "4242424242424242";

	final CommunityManagement communities;

	final CatalogManagement catalog;

	final DropManagement drops;

	final Checkout checkout;

	final OrderManagement orders;

	final HubManagement hubs;

	final JdbcTemplate jdbc;

	FulfilmentFixtures(CommunityManagement communities, CatalogManagement catalog, DropManagement drops,
			Checkout checkout, OrderManagement orders, HubManagement hubs, JdbcTemplate jdbc) {
		this.communities = communities;
		this.catalog = catalog;
		this.drops = drops;
		this.checkout = checkout;
		this.orders = orders;
		this.hubs = hubs;
		this.jdbc = jdbc;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A drop open now with one item of {@code quantity} units, at most {@code perFan} per
	 * fan.
	 */
	String openDrop(int quantity, int perFan) {
		String slug = unique("ful");
		var community = this.communities.create(slug, new CommunityDetails("Fulfilment " + slug, "Fulfilment tests",
				null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "GBP"), 200, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), AccessMode.FIRST_COME,
						new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofMinutes(1)),
								now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), quantity, perFan))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	UUID item(String drop) {
		return this.drops.require(drop).items().getFirst().id();
	}

	/** A hub open every day around the clock, so tests never meet a closed day. */
	Hub hub(int capacityPerDay, String postcodes) {
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, new OpeningWindow(LocalTime.MIN, LocalTime.of(23, 59)));
		}
		return this.hubs.create(new HubDetails(unique("hub"), "Hub " + UUID.randomUUID().toString().substring(0, 4),
				"1 Test Street", "UTC", 53.4808, -2.2426, capacityPerDay, 60, postcodes, null, LocalTime.of(23, 59),
				true, hours));
	}

	AccountId fan() {
		UUID id = this.jdbc.queryForObject("""
				insert into accounts (id, email, display_name, password_hash, enabled, created_at, email_confirmed_at)
				values (gen_random_uuid(), 'ful-' || gen_random_uuid() || '@example.com', 'Fulfilment Fan', '{noop}x',
				        true, now(), now())
				returning id
				""", UUID.class);
		this.jdbc.update("insert into account_roles (account_id, role) values (?, 'FAN')", id);
		return new AccountId(id);
	}

	Reservation reserve(String drop, AccountId fan, int quantity) {
		return this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, quantity, fan, null));
	}

	Order buy(String drop, AccountId fan, Fulfilment fulfilment) {
		Reservation hold = reserve(drop, fan, 1);
		return this.orders.placeOrder(new PlaceOrder(hold.id(), fan, CARD, fulfilment));
	}

	static Fulfilment pickup(Hub hub) {
		return new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null);
	}

}
