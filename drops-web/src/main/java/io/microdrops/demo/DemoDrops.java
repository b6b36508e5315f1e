package io.microdrops.demo;

import java.awt.Color;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import io.microdrops.cadence.CadenceManagement;
import io.microdrops.cadence.CreateCadence;
import io.microdrops.cadence.DropTemplate;
import io.microdrops.cadence.Recurrence;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.ImageUpload;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.catalog.StoryBlockContent;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.drop.WaitingRoomSettings;
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

	private final CadenceManagement cadences;

	private final Clock clock;

	DemoDrops(CommunityManagement communities, CatalogManagement catalog, DropManagement drops,
			CadenceManagement cadences, Clock clock) {
		this.communities = communities;
		this.catalog = catalog;
		this.drops = drops;
		this.cadences = cadences;
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
					"Keycap Collectors Discord", "https://discord.com/invite/keycap-collectors", 600, london, 3, 4))
			.id();
		CommunityId film = this.communities
			.create(FILM, new CommunityDetails("Half-Frame Film Club",
					"Shooters of half-frame 35 mm cameras: fresh film stock, hand-rolled bulk loads and darkroom "
							+ "kits, in drops sized for a club of a few hundred.",
					"r/halfframe", "https://www.reddit.com/r/halfframe", 350, ZoneId.of("Europe/Berlin"), 10, 3))
			.id();

		Sku brass = this.catalog.create("brass-artisan-keycap", new SkuDetails("Brass artisan keycap",
				Money.of(2450, "GBP"), 500, "Mara Oduya",
				"Casts every keycap by hand in her Sheffield workshop; ten years of jewellery work before that."));
		Sku deskmat = this.catalog.create("night-shift-deskmat",
				new SkuDetails("Night Shift desk mat", Money.of(3900, "GBP"), 120, null, null));
		Sku film400 = this.catalog.create("hand-rolled-400", new SkuDetails("Hand-rolled ISO 400, 72 frames",
				Money.of(1450, "EUR"), null, "Jonas Keller", "Bulk-rolls film in a converted Leipzig cellar."));

		tellStories(brass, deskmat, film400);

		LocalDate today = LocalDate.now(this.clock.withZone(london));
		LocalDate nextThursday = today.plusDays(3).with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
		ZonedDateTime opens = nextThursday.atTime(LocalTime.of(18, 0)).atZone(london);
		schedule("brass-keycaps-winter-run",
				new DropPlan("Brass keycaps — winter run", keycaps, AccessMode.FIRST_COME,
						new Timeline(this.clock.instant(), opens.minusMinutes(30).toInstant(), opens.toInstant(),
								opens.plusDays(2).toInstant()),
						10, null, List.of(new NewDropItem(brass.id(), 200, 1), new NewDropItem(deskmat.id(), 60, 2))));
		// The hyped drop: fans queue in its waiting room, 60 let in a minute.
		this.drops.configureWaitingRoom("brass-keycaps-winter-run", new WaitingRoomSettings(true, 60));
		ZonedDateTime later = opens.plusWeeks(2);
		schedule("night-shift-deskmat-pop-up",
				new DropPlan("Night Shift desk mat pop-up", keycaps, AccessMode.WAITLIST_ONLY,
						new Timeline(later.minusDays(7).toInstant(), null, later.toInstant(),
								later.plusDays(1).toInstant()),
						10, null, List.of(new NewDropItem(deskmat.id(), 48, 1))));
		ZonedDateTime filmOpens = nextThursday.plusDays(2)
			.atTime(LocalTime.of(10, 0))
			.atZone(ZoneId.of("Europe/Berlin"));
		schedule("hand-rolled-400-batch-1",
				new DropPlan("Hand-rolled 400 — batch 1", film, AccessMode.FIRST_COME,
						new Timeline(this.clock.instant(), null, filmOpens.toInstant(),
								filmOpens.plusDays(3).toInstant()),
						15, 40, List.of(new NewDropItem(film400.id(), 150, 3))));
		// One drop open right now, small enough to see "sold out" happen.
		schedule("night-shift-flash-drop",
				new DropPlan("Night Shift — flash drop", keycaps, AccessMode.FIRST_COME,
						new Timeline(this.clock.instant().minus(java.time.Duration.ofDays(2)), null,
								this.clock.instant().minus(java.time.Duration.ofMinutes(5)),
								this.clock.instant().plus(java.time.Duration.ofDays(3))),
						10, null, List.of(new NewDropItem(deskmat.id(), 12, 1))));
		this.drops.createDraft("brass-keycaps-spring-run",
				new DropPlan("Brass keycaps — spring run", keycaps, AccessMode.DRAW,
						new Timeline(opens.plusWeeks(6).minusDays(7).toInstant(), null, opens.plusWeeks(6).toInstant(),
								opens.plusWeeks(6).plusDays(2).toInstant()),
						10, null, List.of(new NewDropItem(brass.id(), 150, 1))));
		this.cadences.create(new CreateCadence(
				"keycap-thursday", KEYCAPS, Recurrence.weekly(2, LocalTime.of(18, 0), DayOfWeek.THURSDAY),
				opens.plusWeeks(8).toLocalDate(), new DropTemplate("Keycap Thursday — {date}",
						List.of(new DropTemplate.Item(brass.slug(), 80, 1)), AccessMode.FIRST_COME, 72, 1, 48, 10),
				12));
		logger.info("Demo shop created: 2 communities, 3 SKUs with stories, 4 scheduled drops (one open now), a draft "
				+ "and a fortnightly cadence");
	}

	private void tellStories(Sku brass, Sku deskmat, Sku film) {
		this.catalog.addHero(brass.slug(), "Cast by hand, one pour at a time",
				new ImageUpload(DemoImages.keycap(new Color(0xc9a227), "Brass artisan keycap"),
						"A brass keycap on a dark blue background"));
		this.catalog.addText(brass.slug(), """
				Every cap starts as a wax master carved in **Sheffield**. Mara casts them in small batches, \
				polishes each one by hand and stamps the edition number inside the stem.

				- Solid brass, about 28 g
				- Cherry MX stem
				- Ages to a warm patina""");
		this.catalog.addInterview(brass.slug(), List.of(
				new StoryBlockContent.InterviewAnswer("Why brass?",
						"It changes with you. After a month on your board it carries your fingerprints."),
				new StoryBlockContent.InterviewAnswer("How many will you make?",
						"Five hundred this year, in seasonal runs. When they are gone, the mould is retired.")));
		this.catalog.addGallery(brass.slug(),
				new ImageUpload(DemoImages.keycap(new Color(0x9c6644), "Polishing"), "A keycap being polished"),
				"Polishing takes longer than casting.");
		this.catalog.addSpecs(brass.slug(),
				List.of(new StoryBlockContent.SpecRow("Material", "C360 brass"),
						new StoryBlockContent.SpecRow("Profile", "SA R1"),
						new StoryBlockContent.SpecRow("Edition", "500 numbered pieces, over the year's runs")));
		this.catalog.addShowcase(brass.slug(),
				new ImageUpload(DemoImages.keycap(new Color(0xb08d57), "@clackjack's board"),
						"A fan's keyboard with the brass keycap as escape key"),
				"@clackjack on the Discord");

		this.catalog.addHero(deskmat.slug(), "For the late shift",
				new ImageUpload(DemoImages.deskmat("Night Shift desk mat"), "A dark purple desk mat with small stars"));
		this.catalog.addText(deskmat.slug(),
				"900 × 400 mm, stitched edges, a rubber base that stays put. Printed once, in one run.");
		this.catalog.addSpecs(deskmat.slug(), List.of(new StoryBlockContent.SpecRow("Size", "900 × 400 × 4 mm"),
				new StoryBlockContent.SpecRow("Edges", "Stitched")));

		this.catalog.addHero(film.slug(), "Seventy-two frames of ISO 400",
				new ImageUpload(DemoImages.film("Hand-rolled 400"), "A film canister next to a half-frame camera"));
		this.catalog.addText(film.slug(), "Rolled by Jonas from fresh bulk stock, in reusable canisters. "
				+ "Half-frame cameras get 72 pictures from one roll.");
	}

	private void schedule(String slug, DropPlan plan) {
		this.drops.createDraft(slug, plan);
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
	}

}
