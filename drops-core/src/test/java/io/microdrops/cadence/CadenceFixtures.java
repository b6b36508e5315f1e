package io.microdrops.cadence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.shared.Money;

/**
 * Communities, SKUs and cadences for the cadence tests, each with a unique slug.
 */
final class CadenceFixtures {

	private CadenceFixtures() {
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String community(CommunityManagement communities, ZoneId zone) {
		String slug = unique("community");
		communities.create(slug,
				new CommunityDetails("Keycap Collectors", "Fans of artisan keycaps.", null, null, 400, zone, 7, 4));
		return slug;
	}

	static String sku(CatalogManagement catalog) {
		String slug = unique("sku");
		catalog.create(slug, new SkuDetails("Brass keycap", Money.of(2400, "GBP"), 200, null, null));
		return slug;
	}

	static DropTemplate template(String sku) {
		return new DropTemplate("Keycap Thursday — {date} (#{n})", List.of(new DropTemplate.Item(sku, 50, 2)),
				AccessMode.FIRST_COME, 48, 2, 24, 10);
	}

	static CreateCadence thursdays(String community, String sku, LocalDate startsOn, int interval, int horizonWeeks) {
		return new CreateCadence(unique("keycap-thursday"), community,
				Recurrence.weekly(interval, LocalTime.of(18, 0), DayOfWeek.THURSDAY), startsOn, template(sku),
				horizonWeeks);
	}

}
