package io.microdrops.preorder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;
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
import io.microdrops.shared.Money;

/**
 * Fans and pre-order drops for the pre-order tests, each with unique names, on a timeline
 * relative to a moment: announced a day before it, pre-orders closing a day after it,
 * opening two days after it, closing a week after it.
 */
final class PreorderFixtures {

	static final String GOOD_CARD = "4242 4242 4242 4242";

	static final String DECLINED_CARD = "4000000000000002";

	static final Fulfilment PICKUP = new Fulfilment(Fulfilment.Method.PICKUP, "sheffield", null);

	private final AccountManagement accounts;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final DropManagement drops;

	PreorderFixtures(AccountManagement accounts, CommunityManagement communities, CatalogManagement catalog,
			DropManagement drops) {
		this.accounts = accounts;
		this.communities = communities;
		this.catalog = catalog;
		this.drops = drops;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static Instant deadline(Instant now) {
		return now.plus(Duration.ofDays(1));
	}

	AccountId fan() {
		String email = unique("fan") + "@example.com";
		this.accounts.createIfAbsent(email, "Fan", "pre-order fixture password", Set.of(Role.FAN));
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

	/**
	 * Schedules a pre-order drop of one SKU (numbered editions) in a community of its
	 * own.
	 * @param now the moment the timeline is relative to
	 * @param quantity units released
	 * @param perFanLimit units per fan
	 * @param threshold units needed
	 * @param explicitDeadline whether pre-orders close a day before the opening, or with
	 * it
	 * @param mode the access mode
	 * @return the drop's slug; its SKU's slug is {@code "sku-" + slug}
	 */
	String drop(Instant now, int quantity, int perFanLimit, Integer threshold, boolean explicitDeadline,
			AccessMode mode) {
		CommunityId community = this.communities
			.create(unique("community"),
					new CommunityDetails("Keycap Collectors", "Fans of keycaps.", null, null, 400,
							ZoneId.of("Europe/London"), 0, 31))
			.id();
		String slug = unique("drop");
		Sku sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "GBP"), quantity, null, null));
		Timeline timeline = new Timeline(now.minus(Duration.ofDays(1)), null, now.plus(Duration.ofDays(2)),
				now.plus(Duration.ofDays(7)));
		this.drops.createDraft(slug, new DropPlan("Brass drop", community, mode, timeline, 10, threshold,
				explicitDeadline ? deadline(now) : null, List.of(new NewDropItem(sku.id(), quantity, perFanLimit))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	/**
	 * Schedules a pre-order drop like {@link #drop(Instant, int, int, int)} whose
	 * pre-orders close a given time after the moment, opening a day later.
	 * @param now the moment the timeline is relative to
	 * @param quantity units released
	 * @param perFanLimit units per fan
	 * @param threshold units needed
	 * @param untilDeadline how long after the moment pre-orders close
	 * @return the drop's slug; its SKU's slug is {@code "sku-" + slug}
	 */
	String drop(Instant now, int quantity, int perFanLimit, int threshold, Duration untilDeadline) {
		CommunityId community = this.communities
			.create(unique("community"),
					new CommunityDetails("Keycap Collectors", "Fans of keycaps.", null, null, 400,
							ZoneId.of("Europe/London"), 0, 31))
			.id();
		String slug = unique("drop");
		Sku sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "GBP"), quantity, null, null));
		Instant deadline = now.plus(untilDeadline);
		Timeline timeline = new Timeline(now.minus(Duration.ofDays(1)), null, deadline.plus(Duration.ofDays(1)),
				deadline.plus(Duration.ofDays(7)));
		this.drops.createDraft(slug, new DropPlan("Brass drop", community, AccessMode.FIRST_COME, timeline, 10,
				threshold, deadline, List.of(new NewDropItem(sku.id(), quantity, perFanLimit))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	String drop(Instant now, int quantity, int perFanLimit, int threshold) {
		return drop(now, quantity, perFanLimit, threshold, true, AccessMode.FIRST_COME);
	}

	static PlacePreorder preorder(String drop, AccountId fan, int quantity) {
		return preorder(drop, fan, quantity, GOOD_CARD);
	}

	static PlacePreorder preorder(String drop, AccountId fan, int quantity, String card) {
		return new PlacePreorder(drop, "sku-" + drop, quantity, fan, card, PICKUP);
	}

}
