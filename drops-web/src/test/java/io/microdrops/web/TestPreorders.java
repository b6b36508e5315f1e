package io.microdrops.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.preorder.PreorderSettlement;
import io.microdrops.shared.Money;

/**
 * Pre-order drops for web tests, and the settlement the scheduled job would run.
 */
public final class TestPreorders {

	public static final String GOOD_CARD = "4242 4242 4242 4242";

	public static final String DECLINED_CARD = "4000 0000 0000 0002";

	/**
	 * Shipping: a pickup would need a hub, and the fulfilment module checks hubs at
	 * confirmation.
	 */
	public static final Fulfilment SHIPPING = new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Test Street, Leeds");

	private TestPreorders() {
	}

	/**
	 * Schedules a first-come pre-order drop of one numbered SKU (its slug is
	 * {@code "sku-" + the drop's slug}) in a community of its own.
	 * @param timeline the drop's moments
	 * @param deadline when pre-orders close, or {@code null} for the first sales
	 * @return the drop's slug
	 */
	public static String drop(CommunityManagement communities, CatalogManagement catalog, DropManagement drops,
			CommunityId community, Timeline timeline, Instant deadline, int quantity, int perFanLimit,
			Integer threshold) {
		String slug = TestDrops.unique("preorder-drop");
		Sku sku = catalog.create("sku-" + slug,
				new SkuDetails("Hand-rolled film " + slug, Money.of(1450, "EUR"), quantity, null, null));
		drops.createDraft(slug, new DropPlan("Pre-order drop " + slug, community, AccessMode.FIRST_COME, timeline, 10,
				threshold, deadline, List.of(new NewDropItem(sku.id(), quantity, perFanLimit))));
		drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	/**
	 * A community of its own, in London.
	 */
	public static CommunityId community(CommunityManagement communities) {
		return communities
			.create(TestDrops.unique("preorder-community"),
					new CommunityDetails("Half-Frame Film Club", "Shooters of half-frame cameras.", null, null, 300,
							TestDrops.LONDON, 0, 31))
			.id();
	}

	/**
	 * A timeline around a moment: announced a day before it, pre-orders closing a day
	 * after it (see {@link #deadline}), opening two days after, closing a week after.
	 */
	public static Timeline timeline(Instant now) {
		return new Timeline(now.minus(Duration.ofDays(1)), null, now.plus(Duration.ofDays(2)),
				now.plus(Duration.ofDays(7)));
	}

	public static Instant deadline(Instant now) {
		return now.plus(Duration.ofDays(1));
	}

	/**
	 * Runs every step of the settlement once, as the scheduled job does.
	 */
	public static void settle(PreorderSettlement settlement) {
		settlement.dueForDecision().forEach(settlement::decide);
		settlement.dueForConversion(500).forEach(settlement::convert);
		settlement.dueForCompletion().forEach(settlement::complete);
	}

}
