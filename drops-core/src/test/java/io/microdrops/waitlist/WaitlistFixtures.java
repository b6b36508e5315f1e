package io.microdrops.waitlist;

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
 * Fans, communities, SKUs and drops for the waitlist tests, each with a unique name.
 */
final class WaitlistFixtures {

	private final AccountManagement accounts;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final DropManagement drops;

	WaitlistFixtures(AccountManagement accounts, CommunityManagement communities, CatalogManagement catalog,
			DropManagement drops) {
		this.accounts = accounts;
		this.communities = communities;
		this.catalog = catalog;
		this.drops = drops;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	AccountId fan() {
		String email = unique("fan") + "@example.com";
		this.accounts.createIfAbsent(email, "Fan", "waitlist fixture password", Set.of(Role.FAN));
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

	String sku() {
		String slug = unique("sku");
		this.catalog.create(slug, new SkuDetails("Brass keycap", Money.of(2450, "GBP"), 200, null, null));
		return slug;
	}

	/**
	 * Schedules a drop in a community of its own, on a timeline relative to a moment:
	 * announced an hour before it, early access (when wanted) at +1 h, open at +2 h,
	 * closed at +1 day.
	 */
	String drop(AccessMode mode, Instant now, boolean earlyAccess) {
		String community = unique("community");
		CommunityId communityId = this.communities
			.create(community,
					new CommunityDetails("Keycap Collectors", "Fans of keycaps.", null, null, 400,
							ZoneId.of("Europe/London"), 0, 31))
			.id();
		Sku sku = this.catalog.require(sku());
		String slug = unique("drop");
		this.drops.createDraft(slug,
				new DropPlan("Brass drop", communityId, mode,
						new Timeline(now.minus(Duration.ofHours(1)), earlyAccess ? now.plus(Duration.ofHours(1)) : null,
								now.plus(Duration.ofHours(2)), now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), 50, 2))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}
