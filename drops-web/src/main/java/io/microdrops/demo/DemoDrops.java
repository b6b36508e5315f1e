package io.microdrops.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode's shop: a keycap community and a film-photography community, their SKUs and
 * upcoming drops, so a newcomer sees a living calendar. Created once, on the first start;
 * times are relative to that start.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("drops.demo.enabled")
class DemoDrops implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoDrops.class);

	static final String KEYCAPS = "keycap-collectors";

	static final String FILM = "half-frame-film";

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final DropManagement drops;

	private final Clock clock;

	DemoDrops(CommunityManagement communities, CatalogManagement catalog, DropManagement drops, Clock clock) {
		this.communities = communities;
		this.catalog = catalog;
		this.drops = drops;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.communities.find(KEYCAPS).isPresent()) {
			return;
		}
		ZoneId london = ZoneId.of("Europe/London");
		CommunityId keycaps = this.communities
			.create(KEYCAPS, new CommunityDetails("Keycap Collectors",
					"Artisan keycaps cast in small runs by makers the community knows by name: brass, resin and "
							+ "hand-dyed sets for mechanical keyboards, collected, traded and shown off every week.",
					"Keycap Collectors Discord", "https://discord.com/invite/keycap-collectors", 600, london, 7, 4))
			.id();
		CommunityId film = this.communities
			.create(FILM, new CommunityDetails("Half-Frame Film Club",
					"Shooters of half-frame 35 mm cameras: fresh film stock, hand-rolled bulk loads and darkroom "
							+ "kits, in drops sized for a club of a few hundred.",
					"r/halfframe", "https://www.reddit.com/r/halfframe", 350, ZoneId.of("Europe/Berlin"), 10, 3))
			.id();

		Sku brass = this.catalog.create("brass-artisan-keycap", new SkuDetails("Brass artisan keycap",
				Money.of(2450, "GBP"), 200, "Mara Oduya",
				"Casts every keycap by hand in her Sheffield workshop; ten years of jewellery work before that."));
		Sku deskmat = this.catalog.create("night-shift-deskmat",
				new SkuDetails("Night Shift desk mat", Money.of(3900, "GBP"), 120, null, null));
		Sku film400 = this.catalog.create("hand-rolled-400", new SkuDetails("Hand-rolled ISO 400, 72 frames",
				Money.of(1450, "EUR"), null, "Jonas Keller", "Bulk-rolls film in a converted Leipzig cellar."));

		LocalDate today = LocalDate.now(this.clock.withZone(london));
		LocalDate nextThursday = today.plusDays(3).with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
		ZonedDateTime opens = nextThursday.atTime(LocalTime.of(18, 0)).atZone(london);
		schedule("brass-keycaps-winter-run",
				new DropPlan("Brass keycaps — winter run", keycaps, AccessMode.FIRST_COME,
						new Timeline(this.clock.instant(), opens.minusMinutes(30).toInstant(), opens.toInstant(),
								opens.plusDays(2).toInstant()),
						10, null, List.of(new NewDropItem(brass.id(), 200, 1), new NewDropItem(deskmat.id(), 60, 2))));
		ZonedDateTime later = opens.plusWeeks(2);
		schedule("night-shift-deskmat-pop-up",
				new DropPlan("Night Shift desk mat pop-up", keycaps, AccessMode.WAITLIST_ONLY,
						new Timeline(later.minusDays(7).toInstant(), null, later.toInstant(),
								later.plusDays(1).toInstant()),
						10, null, List.of(new NewDropItem(deskmat.id(), 60, 1))));
		ZonedDateTime filmOpens = nextThursday.plusDays(2)
			.atTime(LocalTime.of(10, 0))
			.atZone(ZoneId.of("Europe/Berlin"));
		schedule("hand-rolled-400-batch-1",
				new DropPlan("Hand-rolled 400 — batch 1", film, AccessMode.FIRST_COME,
						new Timeline(this.clock.instant(), null, filmOpens.toInstant(),
								filmOpens.plusDays(3).toInstant()),
						15, 40, List.of(new NewDropItem(film400.id(), 150, 3))));
		this.drops.createDraft("brass-keycaps-spring-run",
				new DropPlan("Brass keycaps — spring run", keycaps, AccessMode.DRAW,
						new Timeline(opens.plusWeeks(6).minusDays(7).toInstant(), null, opens.plusWeeks(6).toInstant(),
								opens.plusWeeks(6).plusDays(2).toInstant()),
						10, null, List.of(new NewDropItem(brass.id(), 150, 1))));
		logger.info("Demo shop created: 2 communities, 3 SKUs, 3 scheduled drops and a draft");
	}

	private void schedule(String slug, DropPlan plan) {
		this.drops.createDraft(slug, plan);
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
	}

}
