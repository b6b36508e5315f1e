package io.microdrops.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
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
import io.microdrops.testsupport.MovableClock;
import io.microdrops.waitlist.WaitlistManagement;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Communities, drops and fans for the analytics tests, each with a unique name, and fans
 * who act through the shop's own services at the moment the test clock says.
 */
final class AnalyticsFixtures {

	static final Fulfilment PICKUP = new Fulfilment(Fulfilment.Method.PICKUP, "Sheffield hub", null);

	static final Fulfilment SHIPPING = new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Vinyl Lane, Leeds LS1");

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final DropManagement drops;

	private final WaitlistManagement waitlists;

	private final Checkout checkout;

	private final OrderManagement orders;

	private final JdbcTemplate jdbc;

	private final MovableClock clock;

	AnalyticsFixtures(CommunityManagement communities, CatalogManagement catalog, DropManagement drops,
			WaitlistManagement waitlists, Checkout checkout, OrderManagement orders, JdbcTemplate jdbc,
			MovableClock clock) {
		this.communities = communities;
		this.catalog = catalog;
		this.drops = drops;
		this.waitlists = waitlists;
		this.checkout = checkout;
		this.orders = orders;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	String community() {
		String slug = unique("an");
		this.communities.create(slug,
				new CommunityDetails("Analytics " + slug, "Analytics tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		return slug;
	}

	String sku() {
		String slug = unique("ansku");
		this.catalog.create(slug, new SkuDetails("Brass keycap", Money.of(2000, "GBP"), null, null, null));
		return slug;
	}

	/**
	 * Schedules a drop of the community opening at a moment, announced a day before, open
	 * for two days, with 20 units of each SKU and up to 3 per fan.
	 */
	String drop(String community, Instant opensAt, AccessMode mode, String... skus) {
		String slug = unique("androp");
		Instant now = this.clock.instant();
		this.clock.set(opensAt.minus(Duration.ofDays(2)));
		try {
			List<NewDropItem> items = java.util.Arrays.stream(skus)
				.map(sku -> new NewDropItem(this.catalog.find(sku).orElseThrow().id(), 20, 3))
				.toList();
			this.drops.createDraft(slug, new DropPlan("Drop " + slug, this.communities.require(community).id(), mode,
					new Timeline(opensAt.minus(Duration.ofDays(1)), null, opensAt, opensAt.plus(Duration.ofDays(2))),
					10, null, items));
			this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		}
		finally {
			this.clock.set(now);
		}
		return slug;
	}

	AccountId fan() {
		UUID id = this.jdbc.queryForObject("""
				insert into accounts (id, email, display_name, password_hash, enabled, created_at)
				values (gen_random_uuid(), 'an-' || gen_random_uuid() || '@example.com', 'Fan', '{noop}x', true, now())
				returning id
				""", UUID.class);
		this.jdbc.update("insert into account_roles (account_id, role) values (?, 'FAN')", id);
		return new AccountId(id);
	}

	/** The fan reserves and pays, an hour after the drop opened. */
	Order buys(AccountId fan, String drop, String sku, int quantity, Fulfilment fulfilment) {
		Reservation hold = holds(fan, drop, sku, quantity);
		return this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242", fulfilment));
	}

	/** The fan holds units an hour after the drop opened, and does not pay. */
	Reservation holds(AccountId fan, String drop, String sku, int quantity) {
		this.clock.set(this.drops.require(drop).timeline().opensAt().plus(Duration.ofHours(1)));
		return this.checkout.reserve(new ReserveRequest(drop, sku, quantity, fan, null));
	}

	/** The fan joins the drop's waitlist after it was announced. */
	void joinsWaitlist(AccountId fan, String drop) {
		this.clock.set(this.drops.require(drop).timeline().opensAt().minus(Duration.ofHours(12)));
		this.waitlists.join(drop, fan);
	}

	UUID dropId(String drop) {
		return this.drops.require(drop).id().value();
	}

}
