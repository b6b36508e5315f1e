package io.microdrops.waitingroom;

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
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.drop.WaitingRoomSettings;
import io.microdrops.shared.Money;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drops with a waiting room, announced an hour before {@code now} and opening an hour
 * after it, each with a community and one SKU of its own ({@code "sku-" + slug}); fans by
 * plain inserts (hashing passwords would only slow the tests down).
 */
final class WaitingRoomFixtures {

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final DropManagement drops;

	private final JdbcTemplate jdbc;

	WaitingRoomFixtures(ApplicationContext context) {
		this.communities = context.getBean(CommunityManagement.class);
		this.catalog = context.getBean(CatalogManagement.class);
		this.drops = context.getBean(DropManagement.class);
		this.jdbc = context.getBean(JdbcTemplate.class);
	}

	String drop(int quantity, Integer fansPerMinute, Instant now) {
		return drop(quantity, fansPerMinute, now, AccessMode.FIRST_COME, false);
	}

	/**
	 * A drop with a waiting room and the access mode given; with early access, waitlist
	 * members may buy from {@link #earlyAccess(Instant)}, half an hour before the
	 * opening.
	 */
	String drop(int quantity, Integer fansPerMinute, Instant now, AccessMode mode, boolean earlyAccess) {
		String slug = "wr-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("Queue " + slug, "Waiting room tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Unit", Money.of(1500, "EUR"), quantity, null, null));
		Instant at = now.truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), mode,
						new Timeline(at.minus(Duration.ofHours(1)), earlyAccess ? earlyAccess(at) : null, opening(at),
								at.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), quantity, 1))));
		this.drops.configureWaitingRoom(slug, new WaitingRoomSettings(true, fansPerMinute));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	static Instant opening(Instant now) {
		return now.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));
	}

	static Instant earlyAccess(Instant now) {
		return opening(now).minus(Duration.ofMinutes(30));
	}

	List<AccountId> fans(int count) {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		List<UUID> ids = this.jdbc.queryForList(
				"""
						insert into accounts (id, email, display_name, password_hash, enabled, created_at)
						select gen_random_uuid(), 'queue-' || g || '-' || ? || '@example.com', 'Fan ' || g, '{noop}unused', true, now()
						from generate_series(1, ?) g returning id
						""",
				UUID.class, batch, count);
		this.jdbc.batchUpdate("insert into account_roles (account_id, role) values (?, 'FAN')",
				ids.stream().map(id -> new Object[] { id }).toList());
		return ids.stream().map(AccountId::new).toList();
	}

	String seed(String drop) {
		return this.jdbc.queryForObject(
				"select w.seed from waiting_rooms w join drops d on d.id = w.drop_id where d.slug = ?", String.class,
				drop);
	}

	/** Pays for every hold of the drop, as orders do: the units are sold for good. */
	void sellHeldUnits(String drop) {
		this.jdbc.update("""
				update drop_units set sold = true where reservation_id is not null
				and drop_item_id in (select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?)
				""", drop);
	}

}
