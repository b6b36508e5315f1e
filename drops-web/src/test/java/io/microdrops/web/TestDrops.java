package io.microdrops.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;

/**
 * Drops web tests plan: each in a community of its own, so the fatigue guard never
 * interferes, with one SKU of a unique slug.
 */
public final class TestDrops {

	public static final ZoneId LONDON = ZoneId.of("Europe/London");

	private TestDrops() {
	}

	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Creates a drop of 50 units of one SKU and schedules it unless asked for a draft.
	 * @return the drop's slug
	 */
	public static String drop(CommunityManagement communities, CatalogManagement catalog, DropManagement drops,
			String title, AccessMode mode, Timeline timeline, boolean schedule) {
		CommunityId community = communities
			.create(unique("community"),
					new CommunityDetails("Keycap Collectors", "Fans of keycaps.", null, null, 400, LONDON, 0, 31))
			.id();
		Sku sku = catalog.create(unique("sku"),
				new SkuDetails("Brass keycap " + title, Money.of(2450, "GBP"), 200, null, null));
		String slug = unique("drop");
		drops.createDraft(slug,
				new DropPlan(title, community, mode, timeline, 10, null, List.of(new NewDropItem(sku.id(), 50, 2))));
		if (schedule) {
			drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		}
		return slug;
	}

	/**
	 * A timeline around now: announced an hour ago, early access and opening later.
	 */
	public static Timeline upcoming(Instant now, Instant earlyAccessAt, Instant opensAt) {
		return new Timeline(now.minusSeconds(3600), earlyAccessAt, opensAt, opensAt.plusSeconds(2 * 86_400));
	}

}
