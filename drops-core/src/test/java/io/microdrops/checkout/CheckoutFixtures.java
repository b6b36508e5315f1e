package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.FairnessRules;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drops open to buy and fans to buy them, straight from the application services (and
 * plain inserts for fans, as hashing hundreds of passwords would only slow tests down).
 * Each drop has a community and one SKU of its own, {@code "sku-" + slug}, at 15.00 EUR.
 */
final class CheckoutFixtures {

	static final long PRICE_MINOR = 1500;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final DropManagement drops;

	private final JdbcTemplate jdbc;

	CheckoutFixtures(CommunityManagement communities, CatalogManagement catalog, DropManagement drops,
			JdbcTemplate jdbc) {
		this.communities = communities;
		this.catalog = catalog;
		this.drops = drops;
		this.jdbc = jdbc;
	}

	/** A first-come drop that opened a minute before {@code now} and stays open a day. */
	String openDrop(int quantity, int perFanLimit, int holdMinutes, Instant now) {
		return openDrop(AccessMode.FIRST_COME, quantity, perFanLimit, holdMinutes, now);
	}

	String openDrop(AccessMode mode, int quantity, int perFanLimit, int holdMinutes, Instant now) {
		return openDrop(mode, quantity, perFanLimit, holdMinutes, now, FairnessRules.NONE);
	}

	/**
	 * As {@link #openDrop(int, int, int, Instant)}, with fairness rules set as a draft.
	 */
	String openDrop(AccessMode mode, int quantity, int perFanLimit, int holdMinutes, Instant now,
			FairnessRules fairness) {
		String slug = "cf-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("Checkout " + slug, "Checkout tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Unit", Money.of(PRICE_MINOR, "EUR"), quantity, null, null));
		Instant at = now.truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), mode,
						new Timeline(at.minus(Duration.ofHours(2)), null, at.minus(Duration.ofMinutes(1)),
								at.plus(Duration.ofDays(1))),
						holdMinutes, null, List.of(new NewDropItem(sku.id(), quantity, perFanLimit))));
		this.drops.changeFairness(slug, fairness);
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	/**
	 * A first-come drop of another drop's community, opening half a minute after it (both
	 * are open now), one unit per fan, with fairness rules.
	 */
	String openDropAfter(String earlier, int quantity, FairnessRules fairness) {
		String slug = "cf-" + UUID.randomUUID().toString().substring(0, 8);
		var source = this.drops.require(earlier);
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Add-on", Money.of(PRICE_MINOR, "EUR"), quantity, null, null));
		Instant opens = source.timeline().opensAt().plus(Duration.ofSeconds(30));
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, source.community(), AccessMode.FIRST_COME,
						new Timeline(source.timeline().announceAt(), null, opens, source.timeline().closesAt()), 10,
						null, List.of(new NewDropItem(sku.id(), quantity, 1))));
		this.drops.changeFairness(slug, fairness);
		this.drops.schedule(slug, new DropManagement.Scheduler(null, true), "add-ons of " + earlier);
		return slug;
	}

	List<AccountId> fans(int count) {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		List<UUID> ids = this.jdbc.queryForList(
				"""
						insert into accounts (id, email, display_name, password_hash, enabled, created_at)
						select gen_random_uuid(), 'fan-' || g || '-' || ? || '@example.com', 'Fan ' || g, '{noop}unused', true, now()
						from generate_series(1, ?) g returning id
						""",
				UUID.class, batch, count);
		this.jdbc.batchUpdate("insert into account_roles (account_id, role) values (?, 'FAN')",
				ids.stream().map(id -> new Object[] { id }).toList());
		return ids.stream().map(AccountId::new).toList();
	}

	UUID itemOf(String drop) {
		return this.jdbc.queryForObject(
				"select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?", UUID.class, drop);
	}

	DropId idOf(String drop) {
		return new DropId(this.jdbc.queryForObject("select id from drops where slug = ?", UUID.class, drop));
	}

	/** Units that belong to a reservation, held or sold. */
	long heldPlusSold(String drop) {
		return this.jdbc.queryForObject(
				"select count(*) from drop_units where drop_item_id = ? and reservation_id is not null", Long.class,
				itemOf(drop));
	}

	/** Makes every hold of the drop run out a second ago. */
	List<UUID> expireHolds(String drop) {
		return this.jdbc.queryForList("update reservations set expires_at = now() - interval '1 second' "
				+ "where drop_item_id = ? and status = 'HELD' returning id", UUID.class, itemOf(drop));
	}

	static ReserveRequest one(String drop, AccountId fan, String key) {
		return new ReserveRequest(drop, "sku-" + drop, 1, fan, key);
	}

}
